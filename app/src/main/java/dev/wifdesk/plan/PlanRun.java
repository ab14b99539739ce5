package dev.wifdesk.plan;

import java.util.List;

/**
 * How a run of a plan ended: the result of each step that ran, whether it stopped early because
 * it was cancelled between steps, and the changes that were made but could not be audited.
 */
public record PlanRun(List<StepResult> results, boolean cancelled, List<String> auditFailures) {
    public PlanRun {
        results = List.copyOf(results);
        auditFailures = List.copyOf(auditFailures);
    }

    public long changed() {
        return results.stream().filter(r -> r.outcome().changed()).count();
    }

    public long unchanged() {
        return results.size() - changed();
    }
}
