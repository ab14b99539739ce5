package dev.wifdesk.ui.support;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.cloud.ProviderPatch;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.cloud.ProviderDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A double of the UI's own {@link ProviderDirectory} (not of any Google client): providers in a map. */
public final class InMemoryProviders implements ProviderDirectory {
    public final Map<String, WorkloadIdentityPoolProvider> providers = new LinkedHashMap<>();
    public final List<ProviderPatch> applied = new ArrayList<>();

    public static WorkloadIdentityPoolProvider gitlabProvider(String name, String issuer, List<String> audiences) {
        return new WorkloadIdentityPoolProvider().setName(name).setState("ACTIVE")
                .setOidc(new Oidc().setIssuerUri(issuer).setAllowedAudiences(audiences == null ? null : new ArrayList<>(audiences)))
                .setAttributeMapping(new LinkedHashMap<>(Map.of("google.subject", "assertion.sub",
                        "attribute.project_path", "assertion.project_path", "attribute.ref", "assertion.ref")))
                .setAttributeCondition("assertion.namespace_path == \"acme\"");
    }

    public InMemoryProviders add(WorkloadIdentityPoolProvider p) {
        providers.put(p.getName(), p);
        return this;
    }

    @Override
    public List<ProviderChoice> list(String projectId) {
        return providers.values().stream().map(p -> {
            var ref = ResourceNames.parseProvider(p.getName()).orElseThrow();
            return new ProviderChoice(p.getName(), ref.poolId(), ref.providerId(), p.getDisplayName(), p.getState());
        }).toList();
    }

    @Override
    public WorkloadIdentityPoolProvider get(String providerName) {
        return providers.get(providerName).clone();
    }

    @Override
    public void apply(ProviderPatch change) {
        applied.add(change);
        WorkloadIdentityPoolProvider p = providers.get(change.providerName());
        switch (change.updateMask()) {
            case "oidc.allowedAudiences" -> p.getOidc().setAllowedAudiences(change.body().getOidc().getAllowedAudiences());
            case "attributeCondition" -> p.setAttributeCondition(change.body().getAttributeCondition());
            default -> throw new IllegalArgumentException(change.updateMask());
        }
    }
}
