package dev.wifdesk.plan;

import java.util.Objects;

/**
 * One field a step changes: its value observed before and the value after; {@code before} is
 * empty for a field that does not exist yet, {@code after} empty for one that goes away.
 */
public record FieldDiff(String field, String before, String after) {
    public FieldDiff {
        Objects.requireNonNull(field, "field");
        before = before == null ? "" : before;
        after = after == null ? "" : after;
    }

    public static FieldDiff added(String field, String after) {
        return new FieldDiff(field, "", after);
    }

    public boolean changes() {
        return !before.equals(after);
    }
}
