package dev.wifdesk.ui.log;

import dev.wifdesk.audit.Redactor;

import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The in-app activity log: a bounded list of redacted entries. Appends may come from any
 * thread; they are handed to {@code fxThread} (Platform::runLater in the app, direct in tests).
 */
public final class ActivityLog {
    public static final int DEFAULT_CAPACITY = 2000;

    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    private final int capacity;
    private final Executor fxThread;

    public ActivityLog(int capacity, Executor fxThread) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.fxThread = fxThread;
    }

    /** Redacts, then appends; the oldest entries fall off past the capacity. */
    public void append(LogEntry raw) {
        LogEntry safe = new LogEntry(raw.time(), raw.level(), raw.logger(), Redactor.redact(raw.message()));
        fxThread.execute(() -> {
            entries.add(safe);
            if (entries.size() > capacity) {
                entries.remove(0, entries.size() - capacity);
            }
        });
    }

    public ObservableList<LogEntry> entries() {
        return entries;
    }

    public int capacity() {
        return capacity;
    }

    /** All entries as text, one per line (already redacted), for the Copy button. */
    public String asText() {
        return entries.stream().map(LogEntry::format).collect(Collectors.joining("\n"));
    }

    public void clear() {
        fxThread.execute(entries::clear);
    }
}
