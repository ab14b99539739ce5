package dev.wifdesk.rotate;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.FederationSpec;
import java.util.List;
import java.util.Map;

/**
 * The spec of the new pool, derived from the spec of the current one, so that the setup engine
 * plans the new pool exactly as it would plan a setup: same accounts, roles, grants, environments
 * and GitLab project; the pool id replaced, the description carrying the rotation marker, and the
 * provider mirrored from the live one (issuer, audiences, mapping, condition as they serve today).
 */
final class RotationSpecs {
    private RotationSpecs() {
    }

    static FederationSpec forPool(FederationSpec spec, String poolId, String description,
                                  WorkloadIdentityPoolProvider liveProvider) {
        FederationSpec.Gcp gcp = spec.gcp();
        FederationSpec.Provider provider = liveProvider == null ? gcp.provider() : mirrored(gcp.provider(), liveProvider);
        FederationSpec.Pool pool = new FederationSpec.Pool(poolId, gcp.pool().displayName(), description);
        return new FederationSpec(new FederationSpec.Gcp(gcp.project(), pool, provider, gcp.serviceAccount(), gcp.grant(),
                gcp.projectRoles()), spec.environments(), spec.gitlab(), spec.dataflow());
    }

    /** {@code spec} with the provider's allowed audiences replaced by {@code audiences} (the bridge, or none). */
    static FederationSpec withAudiences(FederationSpec spec, List<String> audiences) {
        FederationSpec.Gcp gcp = spec.gcp();
        FederationSpec.Provider p = gcp.provider();
        FederationSpec.Provider provider = new FederationSpec.Provider(p.id(), p.issuer(), audiences, p.attributeMapping(),
                p.attributeCondition());
        return new FederationSpec(new FederationSpec.Gcp(gcp.project(), gcp.pool(), provider, gcp.serviceAccount(),
                gcp.grant(), gcp.projectRoles()), spec.environments(), spec.gitlab(), spec.dataflow());
    }

    private static FederationSpec.Provider mirrored(FederationSpec.Provider specProvider, WorkloadIdentityPoolProvider live) {
        Oidc oidc = live.getOidc() == null ? new Oidc() : live.getOidc();
        List<String> audiences = oidc.getAllowedAudiences() == null ? List.of() : oidc.getAllowedAudiences();
        Map<String, String> mapping = live.getAttributeMapping() == null ? specProvider.attributeMapping()
                : live.getAttributeMapping();
        String issuer = oidc.getIssuerUri() == null ? specProvider.issuer() : oidc.getIssuerUri();
        return new FederationSpec.Provider(specProvider.id(), issuer, audiences, mapping, live.getAttributeCondition());
    }
}
