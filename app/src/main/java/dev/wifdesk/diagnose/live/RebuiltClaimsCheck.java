package dev.wifdesk.diagnose.live;

import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.ErrorMatch;
import dev.wifdesk.diagnose.KnownError;
import dev.wifdesk.diagnose.Stage;
import dev.wifdesk.diagnose.StageResult;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilt claims are only trusted when they agree with what Google already said: a token STS
 * rejected by the condition must fail the condition with them, a token STS accepted (IAM refused
 * the impersonation afterwards) must pass mapping and condition with them, and no check may hinge
 * on a claim the job metadata cannot tell.
 */
final class RebuiltClaimsCheck {
    private static final Set<KnownError> CONDITION = Set.of(KnownError.CONDITION_REJECTED);
    private static final Set<KnownError> AFTER_STS = Set.of(KnownError.GET_ACCESS_TOKEN_DENIED, KnownError.CALLER_NO_PERMISSION);

    private RebuiltClaimsCheck() {
    }

    /** Claims help explain these errors: which part of the condition is false, which principal lacks the binding. */
    static boolean helps(List<ErrorMatch> matches) {
        return matches.stream().anyMatch(m -> CONDITION.contains(m.error()) || AFTER_STS.contains(m.error()));
    }

    /** Why the diagnosis made with rebuilt claims contradicts Google, or empty when it agrees. */
    static Optional<String> disagreement(List<ErrorMatch> matches, Diagnosis withClaims) {
        for (Finding f : withClaims.findings()) {
            String missing = f.code() == FindingCode.MAPPING_CLAIM_MISSING ? f.evidence().getOrDefault("claim", f.message())
                    : f.evidence().get("missingClaims");
            if (missing != null && JobClaims.NOT_REBUILT.stream().anyMatch(missing::contains)) {
                return Optional.of("lack a claim the provider reads (" + missing + ") that job metadata cannot tell");
            }
        }
        boolean conditionFails = failed(withClaims, Stage.CONDITION);
        boolean mappingFails = failed(withClaims, Stage.MAPPING);
        boolean stsRejectedByCondition = matches.stream().anyMatch(m -> CONDITION.contains(m.error()));
        boolean stsAccepted = matches.stream().anyMatch(m -> AFTER_STS.contains(m.error()));
        if (stsRejectedByCondition && !conditionFails) {
            return Optional.of("pass the attribute condition, but STS rejected the job's token with it");
        }
        if (stsAccepted && !stsRejectedByCondition && (conditionFails || mappingFails)) {
            return Optional.of("fail the " + (conditionFails ? "attribute condition" : "attribute mapping")
                    + ", but STS accepted the job's token");
        }
        return Optional.empty();
    }

    private static boolean failed(Diagnosis d, Stage stage) {
        return d.stage(stage).map(s -> s.status() == StageResult.Status.FAIL).orElse(false);
    }
}
