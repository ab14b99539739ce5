package dev.wifdesk.diagnose;

import java.util.Locale;
import java.util.Objects;

/** One stage's outcome with a short detail a person understands. */
public record StageResult(Stage stage, Status status, String detail) {
    public enum Status {
        PASS, FAIL, SKIPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StageResult {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static StageResult pass(Stage stage, String detail) {
        return new StageResult(stage, Status.PASS, detail);
    }

    public static StageResult fail(Stage stage, String detail) {
        return new StageResult(stage, Status.FAIL, detail);
    }

    public static StageResult skipped(Stage stage, String detail) {
        return new StageResult(stage, Status.SKIPPED, detail);
    }
}
