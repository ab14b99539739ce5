package dev.wifdesk.verify;

import dev.wifdesk.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a verification found: every check in the order it ran, the Dataflow job of a pipeline
 * check, and whether it was cancelled. Immutable.
 */
public record VerifyReport(LaunchMode mode, List<CheckResult> checks, Optional<DataflowJob> dataflowJob, boolean cancelled,
                           Optional<PipelineRun> pipeline) {
    public VerifyReport {
        checks = List.copyOf(checks);
    }

    /** Without a pipeline (no pipeline layer, or it did not get to run one). */
    public VerifyReport(LaunchMode mode, List<CheckResult> checks, Optional<DataflowJob> dataflowJob, boolean cancelled) {
        this(mode, checks, dataflowJob, cancelled, Optional.empty());
    }

    /** True when every requested layer passed: no check blocks, each requested layer has a check, nothing was cancelled. */
    public boolean passed() {
        if (cancelled || checks.stream().anyMatch(CheckResult::blocks)) {
            return false;
        }
        return mode.layers().stream().allMatch(l -> checks.stream().anyMatch(c -> c.layer() == l));
    }

    /** {@code pass} or {@code fail}, CLI.md's verdict. */
    public String verdict() {
        return passed() ? "pass" : "fail";
    }

    /** Every check's findings, each once, in check order. */
    public List<Finding> findings() {
        LinkedHashSet<Finding> all = new LinkedHashSet<>();
        checks.forEach(c -> all.addAll(c.findings()));
        return new ArrayList<>(all);
    }

    public List<CheckResult> failed() {
        return checks.stream().filter(CheckResult::blocks).toList();
    }

    public Optional<CheckResult> check(Layer layer, String name) {
        return checks.stream().filter(c -> c.layer() == layer && c.name().equals(name)).findFirst();
    }
}
