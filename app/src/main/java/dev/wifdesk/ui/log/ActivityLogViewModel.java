package dev.wifdesk.ui.log;

import dev.wifdesk.ui.core.ClipboardWriter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.collections.ObservableList;

/** The activity log screen: the entries, Copy (all, redacted) and Clear. */
public final class ActivityLogViewModel {
    private final ActivityLog log;
    private final ClipboardWriter clipboard;

    public ActivityLogViewModel(ActivityLog log, ClipboardWriter clipboard) {
        this.log = log;
        this.clipboard = clipboard;
    }

    public ObservableList<LogEntry> entries() {
        return log.entries();
    }

    public IntegerBinding count() {
        return Bindings.size(log.entries());
    }

    /** Copies every entry; the text was redacted when it entered the log. */
    public String copyAll() {
        String text = log.asText();
        clipboard.put(text);
        return text;
    }

    public void clear() {
        log.clear();
    }
}
