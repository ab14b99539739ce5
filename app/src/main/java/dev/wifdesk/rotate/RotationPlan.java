package dev.wifdesk.rotate;

import dev.wifdesk.plan.setup.SetupPlan;
import java.util.List;
import java.util.Objects;

/**
 * One phase of a rotation as the user reviews it before it runs: the phase, the old and the new
 * pool id, the steps (a {@link SetupPlan}, so the same report and executor serve setup and
 * rotation) and what the user must decide on.
 */
public record RotationPlan(Phase phase, String oldPool, String newPool, SetupPlan plan, List<RotationFinding> findings) {
    public enum Phase {
        PREPARE, SWITCH, ROLLBACK, RETIRE;

        /** The word of CLI.md ({@code prepare|switch|rollback|retire}). */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RotationPlan {
        Objects.requireNonNull(phase, "phase");
        findings = List.copyOf(findings);
    }

    public int changes() {
        return plan.changes();
    }

    /** The spec of the path this phase leaves live (the new pool's after prepare and switch, the old one's after rollback). */
    public dev.wifdesk.model.FederationSpec livePath() {
        return plan.values().spec();
    }
}
