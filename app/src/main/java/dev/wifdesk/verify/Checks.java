package dev.wifdesk.verify;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one check so that a bug in it becomes an INTERNAL_ERROR result naming the check, never a stack trace. */
final class Checks {
    private static final Logger LOG = LoggerFactory.getLogger(Checks.class);

    private Checks() {
    }

    static CheckResult safely(Layer layer, String name, Supplier<CheckResult> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            String why = e.getClass().getSimpleName() + ": " + ClientErrors.oneLine(e);
            // one line: the console log of the CLI must not carry a stack trace to the user
            LOG.warn("verify check {} crashed: {}", name, why);
            return CheckResult.fail(layer, name, "internal error: " + why, List.of(new Finding(FindingCode.INTERNAL_ERROR,
                    Severity.ERROR, "The check " + name + " of WIF Desk crashed (" + why + "); this is a bug, not a verdict on"
                    + " the setup.", "report it; the other checks still ran", Map.of("stage", name))), "", List.of());
        }
    }
}
