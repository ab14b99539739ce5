package dev.wifdesk.ui.setup;

import dev.wifdesk.model.Finding;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Plan;
import java.util.List;

/**
 * A plan as the Review step shows it: each step (action, resource, field diffs, API call and
 * gcloud equivalent), the security lint, the number of changes, and the plan itself, which Apply
 * runs exactly as reviewed.
 */
public record SetupReview(Plan plan, List<Row> steps, List<Finding> findings, int changes) {
    public SetupReview {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }

    /** One field a step changes, old -> new. */
    public record Diff(String field, String before, String after) {
    }

    /** One planned step for display. */
    public record Row(String id, Action action, String resource, String description, List<Diff> diffs,
                      String apiCall, String gcloud) {
        public Row {
            diffs = List.copyOf(diffs);
        }
    }

    public boolean noChanges() {
        return changes == 0;
    }
}
