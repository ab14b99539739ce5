package dev.wifdesk.plan;

import java.util.List;
import java.util.Optional;

/**
 * How a run of a plan ended: the result of each step that ran (in plan order), the steps never
 * started (after a failure or a cancel), whether it was cancelled, and the changes that were made
 * but could not be audited.
 */
public record PlanRun(List<StepResult> results, List<Step> skipped, boolean cancelled, List<String> auditFailures) {
    public PlanRun {
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
        auditFailures = List.copyOf(auditFailures);
    }

    public long changed() {
        return results.stream().filter(StepResult::changed).count();
    }

    public long unchanged() {
        return results.stream().filter(r -> !r.failed() && !r.changed()).count();
    }

    /** The first failed step's exception, in plan order. */
    public Optional<Exception> failure() {
        return results.stream().filter(StepResult::failed).findFirst().flatMap(StepResult::error);
    }

    public boolean succeeded() {
        return failure().isEmpty() && !cancelled && skipped.isEmpty();
    }

    /** For callers that treat a failed step as their own failure (the demo). */
    public PlanRun orThrow() throws Exception {
        Optional<Exception> f = failure();
        if (f.isPresent()) {
            throw f.get();
        }
        return this;
    }
}
