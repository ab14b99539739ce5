package dev.wifdesk.ui.log;

import dev.wifdesk.ui.core.ClipboardWriter;
import dev.wifdesk.ui.core.Messages;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ObservableList;

/** The activity log screen: the entries, Copy (all, redacted) and Clear. */
public final class ActivityLogViewModel {
    private final ActivityLog log;
    private final ClipboardWriter clipboard;
    private final Messages messages;

    public ActivityLogViewModel(ActivityLog log, ClipboardWriter clipboard, Messages messages) {
        this.log = log;
        this.clipboard = clipboard;
        this.messages = messages;
    }

    public ObservableList<LogEntry> entries() {
        return log.entries();
    }

    /** "no entries", "1 entry", "12 entries". */
    public StringBinding countText() {
        return Bindings.createStringBinding(() -> messages.get("log.count", log.entries().size()), log.entries());
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
