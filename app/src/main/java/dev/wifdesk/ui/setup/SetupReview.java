package dev.wifdesk.ui.setup;

import dev.wifdesk.model.Finding;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.setup.SetupPlan;
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

    /** The setup engine's plan as the Review step (and the Rotation screen) shows it. */
    public static SetupReview of(SetupPlan p) {
        return new SetupReview(p.plan(), p.plan().steps().stream().map(SetupReview::row).toList(), p.findings(),
                p.changes());
    }

    private static Row row(Step s) {
        return new Row(s.id(), s.action(), s.resource(), s.description(),
                s.diff().stream().filter(FieldDiff::changes).map(d -> new Diff(d.field(), d.before(), d.after())).toList(),
                s.apiCall(), s.gcloud());
    }

    public boolean noChanges() {
        return changes == 0;
    }
}
