package dev.wifdesk.ui.rotation;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.rotate.RotationFinding;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.ui.setup.SetupReview;
import java.util.List;
import java.util.Objects;

/**
 * One phase as the screen shows it before it runs: the phase, the old and the new pool, the steps
 * in the Setup wizard's review form (rows with diffs, and the plan the run executes exactly),
 * what the user must decide on, and the spec of the path the phase leaves live (what is verified after it ran).
 */
public record RotationReview(RotationPlan.Phase phase, String oldPool, String newPool, SetupReview review,
                             List<RotationFinding> findings, FederationSpec livePath) {
    public RotationReview {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(livePath, "livePath");
        findings = List.copyOf(findings);
    }

    public int changes() {
        return review.changes();
    }
}
