package dev.wifdesk.diagnose;

import dev.wifdesk.audit.Redactor;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;

/**
 * A crash inside the diagnostics (a stage or the error catalogue), reported as its own finding
 * ({@link FindingCode#INTERNAL_ERROR}) instead of passing for a verdict on the user's data: the
 * user sees which part failed and one line to report, never a stack trace or a secret.
 */
final class InternalFailure {
    /** One line is enough to report; a longer message is usually echoed input. */
    static final int MAX_LINE = 160;

    private InternalFailure() {
    }

    /** Adds the INTERNAL_ERROR finding for {@code part} (a stage's wire name, or "error-catalogue"). */
    static void report(DiagnosisContext ctx, String part, Throwable e) {
        String line = oneLine(e);
        ctx.add(FindingCode.INTERNAL_ERROR, Severity.ERROR,
                "WIF Desk failed inside its " + part + " check (" + e.getClass().getName()
                        + (line.isEmpty() ? "" : ": " + line) + "). This is a bug in WIF Desk, not a verdict on your input.",
                "Report it with this message and the kind of input given; the other checks ran as usual.",
                DiagnosisContext.evidence("stage", part, "exception", e.getClass().getName(), "detail", line));
    }

    /** The exception's first message line, redacted and shortened; empty when it has none. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        String first = message.strip().lines().findFirst().orElse("").strip();
        String redacted = Redactor.redact(first);
        return redacted.length() > MAX_LINE ? redacted.substring(0, MAX_LINE - 1) + "…" : redacted;
    }
}
