package dev.wifdesk.ui.log;

import java.time.Instant;

/** One line of the activity log; the message is already redacted. */
public record LogEntry(Instant time, String level, String logger, String message) {
    public String format() {
        return time + " " + level + " " + logger + " - " + message;
    }
}
