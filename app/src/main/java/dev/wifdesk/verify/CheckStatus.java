package dev.wifdesk.verify;

import java.util.Locale;

/** How one check ended (CLI.md's {@code status}); {@code WAITING} only while a retry counts down. */
public enum CheckStatus {
    PASS, FAIL, WAITING, SKIPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
