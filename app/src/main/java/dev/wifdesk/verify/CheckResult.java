package dev.wifdesk.verify;

import dev.wifdesk.model.Finding;
import java.util.List;
import java.util.Objects;

/**
 * One check of a verification: its layer and name, how it ended, the exact evidence, and for a
 * failure the findings (CLI.md codes, each with its gcloud fix), a command that repairs what no
 * finding code names ({@code fix}), and the ids of the setup steps that "Apply fix" runs.
 */
public record CheckResult(Layer layer, String name, CheckStatus status, String detail, List<Finding> findings,
                          String fix, List<String> fixSteps) {
    public CheckResult {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        findings = List.copyOf(findings);
        fix = fix == null ? "" : fix;
        fixSteps = List.copyOf(fixSteps);
    }

    public static CheckResult pass(Layer layer, String name, String detail) {
        return new CheckResult(layer, name, CheckStatus.PASS, detail, List.of(), "", List.of());
    }

    public static CheckResult skipped(Layer layer, String name, String detail) {
        return new CheckResult(layer, name, CheckStatus.SKIPPED, detail, List.of(), "", List.of());
    }

    public static CheckResult fail(Layer layer, String name, String detail, List<Finding> findings, String fix,
                                   List<String> fixSteps) {
        return new CheckResult(layer, name, CheckStatus.FAIL, detail, findings, fix, fixSteps);
    }

    /** The same check with more findings (e.g. PROPAGATION_DELAY) and another detail. */
    CheckResult with(String newDetail, List<Finding> more) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        return new CheckResult(layer, name, status, newDetail, all, fix, fixSteps);
    }

    /**
     * True when this check keeps its layer from passing: a failure, a wait that never ended, or a
     * launch or pipeline check that could not run (a skipped preflight check is optional, e.g. no
     * {@code .gitlab-ci.yml}).
     */
    public boolean blocks() {
        return status == CheckStatus.FAIL || status == CheckStatus.WAITING
                || (status == CheckStatus.SKIPPED && layer != Layer.PREFLIGHT);
    }
}
