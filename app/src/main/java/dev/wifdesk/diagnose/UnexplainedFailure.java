package dev.wifdesk.diagnose;

import dev.wifdesk.audit.Redactor;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An error text that no known error explains. A text that shows a failure (an error, a denial,
 * a non-zero exit code) is never called healthy: besides CLI.md's ERROR_UNRECOGNIZED (info, the
 * closest known error) it gets FAILURE_UNEXPLAINED (error, so verdict "fail" and exit 1), saying
 * plainly that the text was not recognised and what was checked. A text with no sign of a failure
 * (e.g. {@code Checking permissions granted to controller Service Account.}) stays a pass.
 */
final class UnexplainedFailure {
    private static final Pattern FAILURE = Pattern.compile("\\b(?:errors?|failed|failure|fatal|exception|traceback|panic|"
            + "denied|forbidden|unauthori[sz]ed|unauthenticated|refused|invalid|cannot|could not|unable to|not found|"
            + "does not exist|exit (?:code|status) [1-9]\\d*|status(?: code)?:? [45]\\d\\d|HTTP/?\\S* [45]\\d\\d|"
            + "[45]\\d\\d (?:Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Precondition Failed))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINE = 240;

    private UnexplainedFailure() {
    }

    static StageResult report(DiagnosisContext ctx, ErrorCatalogue catalogue, List<ErrorMatch> consequences) {
        String text = ctx.input().errorText().orElse("");
        // an anonymous 401 alone was recognised, as a consequence: it is the closest known error
        ErrorCatalogue.Closest c = consequences.isEmpty() ? catalogue.closest(text)
                : new ErrorCatalogue.Closest(consequences.get(0).error(), 1.0);
        String closest = "#" + c.error().number() + " (" + c.error().title() + "): \"" + c.error().text() + "\"";
        String line = firstFailureLine(text);
        boolean failing = line != null || !consequences.isEmpty();
        ctx.add(FindingCode.ERROR_UNRECOGNIZED, Severity.INFO, (!consequences.isEmpty() ? "The error text holds no known "
                        + "cause, only a known consequence." : failing ? "The error text was not recognised: it matches "
                        + "none of the known errors." : "The text shows no failure (no error, denial or exit code) and matches "
                        + "none of the known errors.") + " The closest known one is " + closest + ".",
                "Paste the complete error line from the job log (the text after 'error_description' or 'message').",
                DiagnosisContext.evidence("closest", "#" + c.error().number(), "similarity",
                        String.format(Locale.ROOT, "%.2f", c.similarity())));
        if (!failing) {
            return StageResult.pass(Stage.ERROR_TEXT, "no failure in the text; no known error recognised (closest #"
                    + c.error().number() + ")");
        }
        List<StageResult> ran = ctx.stageResults();
        String checked = ran.stream().filter(r -> r.status() != StageResult.Status.SKIPPED)
                .map(r -> r.stage().wireName() + " " + r.status().wireName()).collect(Collectors.joining(", "));
        String notChecked = ran.stream().filter(r -> r.status() == StageResult.Status.SKIPPED)
                .map(r -> r.stage().wireName()).collect(Collectors.joining(", "));
        String anonymous = consequences.isEmpty() ? "" : " The only known text in it is Cloud Storage's 401 'Anonymous caller "
                + "does not have ... access' (#30): the tool sent no credentials at all (gsutil ignores external_account "
                + "credential files; use gcloud storage), or a token exchange failed earlier without its error in the log; it is "
                + "not a bucket permission problem.";
        ctx.add(FindingCode.FAILURE_UNEXPLAINED, Severity.ERROR, "The text shows a failure that WIF Desk does not recognise, "
                        + "so nothing here says the setup is healthy" + (line == null ? "." : ": \"" + line + "\".") + anonymous
                        + " Checked: " + (checked.isEmpty() ? "the error text only" : checked + " and the error text")
                        + (notChecked.isEmpty() ? "" : "; not checked (no input for them): " + notChecked)
                        + ". The closest known error is " + closest + ".",
                "Paste the whole job log (the first error is usually the cause), and give the token, provider, pool and "
                        + "service account policy (--token, --provider, --pool, --policy) so the stages above check the setup itself.",
                DiagnosisContext.evidence("closest", "#" + c.error().number(), "line", line,
                        "checked", checked.isEmpty() ? "error-text" : checked, "notChecked", notChecked.isEmpty() ? null : notChecked,
                        "catalogue", consequences.isEmpty() ? null : "#30"));
        return StageResult.fail(Stage.ERROR_TEXT, "not recognised (closest #" + c.error().number() + ")");
    }

    /** The first line that shows a failure, without colours, secrets redacted, shortened; null when none does. */
    static String firstFailureLine(String text) {
        String tail = text.length() > ErrorCatalogue.MAX_CHARS ? text.substring(text.length() - ErrorCatalogue.MAX_CHARS) : text;
        for (String raw : tail.split("\\R", -1)) {
            String line = ErrorCatalogue.LINE_PREFIX.matcher(ErrorCatalogue.ANSI.matcher(raw).replaceAll("").strip()).replaceFirst("");
            if (FAILURE.matcher(line).find()) {
                String safe = Redactor.redact(line).replaceAll("\\p{Cntrl}", " ");
                return safe.length() > MAX_LINE ? safe.substring(0, MAX_LINE) + "…" : safe;
            }
        }
        return null;
    }
}
