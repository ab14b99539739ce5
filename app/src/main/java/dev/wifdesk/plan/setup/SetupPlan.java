package dev.wifdesk.plan.setup;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import java.util.List;

/**
 * A setup's plan as the user reviews it: the values it creates, the steps from the observed state
 * (each with its field diff, API call and gcloud equivalent) and the security lint of the desired
 * state. The same object backs the wizard's Review and {@code wifdesk plan}.
 */
public record SetupPlan(SetupValues values, ProjectFacts project, Plan plan, List<Finding> findings) {
    public SetupPlan {
        findings = List.copyOf(findings);
    }

    /** How many steps change something (CLI.md's {@code "changes"}). */
    public int changes() {
        return (int) plan.steps().stream().filter(Step::changes).count();
    }
}
