package dev.wifdesk.rotate;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.verify.CheckNames;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.Verifier;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * After a rotation phase ran, the path it leaves live is verified with the verify engine, the same
 * way from the CLI and the Rotation screen: prepare checks the new pool (preflight and a
 * validate-only launch; the CI/CD variables still name the old provider until the switch, so that
 * one check is left to the switch's pipeline), switch and rollback run a pipeline on the path now
 * live. Retire has nothing new to prove. Blocking: run it on a background thread.
 */
public final class PhaseVerification {
    private final Verifier verifier;

    public PhaseVerification(Verifier verifier) {
        this.verifier = verifier;
    }

    /** The verification that follows {@code phase}, or empty when none does (retire). */
    public static Optional<LaunchMode> modeAfter(RotationPlan.Phase phase) {
        return switch (phase) {
            case PREPARE -> Optional.of(LaunchMode.VALIDATE);
            case SWITCH, ROLLBACK -> Optional.of(LaunchMode.RUN);
            case RETIRE -> Optional.empty();
        };
    }

    /** Verifies the path {@code plan} leaves live; empty after retire. */
    public Optional<VerifyReport> after(RotationPlan plan, VerifyListener listener, BooleanSupplier cancelled) {
        return after(plan.phase(), plan.livePath(), listener, cancelled);
    }

    /** Verifies {@code livePath}, the spec of the path {@code phase} left live; empty after retire. */
    public Optional<VerifyReport> after(RotationPlan.Phase phase, FederationSpec livePath, VerifyListener listener,
                                        BooleanSupplier cancelled) {
        Optional<LaunchMode> mode = modeAfter(phase);
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        VerifyReport report = verifier.verify(livePath, mode.get(), listener, cancelled);
        return Optional.of(phase == RotationPlan.Phase.PREPARE ? withoutVariables(report) : report);
    }

    private static VerifyReport withoutVariables(VerifyReport r) {
        return new VerifyReport(r.mode(), r.checks().stream()
                .filter(c -> !c.name().equals(CheckNames.GITLAB_VARIABLES)).toList(), r.dataflowJob(), r.cancelled(),
                r.pipeline());
    }
}
