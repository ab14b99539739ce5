package dev.wifdesk.cli;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.verify.BindingHistory;
import dev.wifdesk.verify.CheckNames;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.Verifier;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import dev.wifdesk.verify.VerifyTiming;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;

/**
 * After a rotation phase ran, the path it leaves live is verified with the verify engine: prepare
 * checks the new pool (preflight and a validate-only launch; the CI/CD variables still name the old
 * provider until the switch, so that one check is left to the switch's pipeline), switch and rollback
 * run a pipeline on the path now live. Retire has nothing new to prove.
 */
final class RotationVerification {
    private RotationVerification() {
    }

    private static VerifyReport withoutVariables(VerifyReport r) {
        return new VerifyReport(r.mode(), r.checks().stream()
                .filter(c -> !c.name().equals(CheckNames.GITLAB_VARIABLES)).toList(), r.dataflowJob(), r.cancelled(),
                r.pipeline());
    }

    static Optional<VerifyReport> after(RotationPlan plan, LiveConnections live, Optional<GitLabApi> gitlab, AuditLog audit,
                                        VerifyTiming timing) {
        FederationSpec path = plan.plan().values().spec();
        Verifier verifier = new Verifier(live.google(), gitlab, live.jwks(), BindingHistory.of(audit), timing);
        return switch (plan.phase()) {
            case PREPARE -> Optional.of(withoutVariables(verifier.verify(path, LaunchMode.VALIDATE, VerifyListener.NONE,
                    () -> false)));
            case SWITCH, ROLLBACK -> Optional.of(verifier.verify(path, LaunchMode.RUN, VerifyListener.NONE, () -> false));
            case RETIRE -> Optional.empty();
        };
    }
}
