package dev.wifdesk.diagnose.fix;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cel.MappingResult;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.PrincipalIdentifier;
import dev.wifdesk.model.ResourceNames;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a binding finding into "add the binding": roles/iam.workloadIdentityUser for the member
 * this very token counts as, i.e. its principalSet for {@code attribute.project_path} when the
 * provider maps it, else its principal (google.subject). Offered only when that member is known:
 * a live provider, the project number, a token whose mapping succeeds.
 */
public final class BindingFixPlanner {
    public static final String ROLE = "roles/iam.workloadIdentityUser";
    static final Set<FindingCode> CODES = EnumSet.of(FindingCode.BINDING_MISSING, FindingCode.BINDING_VALUE_MISMATCH,
            FindingCode.BINDING_USES_PROJECT_ID, FindingCode.BINDING_WRONG_POOL, FindingCode.BINDING_ATTRIBUTE_NOT_MAPPED);

    private final FederationEvaluator evaluator;

    public BindingFixPlanner(FederationEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    public static boolean canFix(FindingCode code) {
        return CODES.contains(code);
    }

    public Optional<PolicyChange> plan(Finding finding, WorkloadIdentityPoolProvider provider, Map<String, Object> claims,
                                       String projectNumber, String serviceAccountResource) {
        if (!canFix(finding.code()) || serviceAccountResource == null || serviceAccountResource.isBlank()) {
            return Optional.empty();
        }
        return member(provider, claims, projectNumber).map(m -> new PolicyChange(serviceAccountResource, ROLE, m, true));
    }

    /** The token's member: principalSet …/attribute.project_path/VALUE, else principal …/subject/SUB. */
    public Optional<String> member(WorkloadIdentityPoolProvider provider, Map<String, Object> claims, String projectNumber) {
        if (provider == null || provider.getName() == null || claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        Optional<ResourceNames.ProviderRef> ref = ResourceNames.parseProvider(provider.getName());
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String number = ResourceNames.isProjectNumber(ref.get().project()) ? ref.get().project() : projectNumber;
        if (number == null || !ResourceNames.isProjectNumber(number)) {
            return Optional.empty();
        }
        MappingResult mapped = evaluator.map(provider.getAttributeMapping(), claims);
        if (mapped.firstFatal().isPresent()) {
            return Optional.empty();
        }
        if (mapped.attribute().get("project_path") instanceof String path && !path.isEmpty()) {
            return Optional.of(PrincipalIdentifier.attribute(number, ref.get().poolId(), "project_path", path).format());
        }
        return mapped.subject().map(s -> PrincipalIdentifier.subject(number, ref.get().poolId(), s).format());
    }
}
