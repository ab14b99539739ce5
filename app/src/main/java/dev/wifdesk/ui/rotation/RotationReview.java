package dev.wifdesk.ui.rotation;

import dev.wifdesk.rotate.RotationFinding;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.ui.setup.SetupReview;
import java.util.List;
import java.util.Objects;

/**
 * One phase as the screen shows it before it runs: the phase, the old and the new pool, the steps
 * in the Setup wizard's review form (rows with diffs, and the plan the run executes exactly) and
 * what the user must decide on.
 */
public record RotationReview(RotationPlan.Phase phase, String oldPool, String newPool, SetupReview review,
                             List<RotationFinding> findings) {
    public RotationReview {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(review, "review");
        findings = List.copyOf(findings);
    }

    public int changes() {
        return review.changes();
    }
}
