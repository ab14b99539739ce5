package dev.wifdesk.rotate;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Bindings;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.IamResources;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What prepare adds to the setup of the new pool: the old pool's other providers (a pool may hold
 * several, e.g. one per GitLab instance), copied field by field, and, when the user asks for it,
 * the bindings someone else made for the old pool, copied to the same accounts for the new pool.
 */
final class MirrorSteps {
    static final String POOL_STEP = "pool";

    private MirrorSteps() {
    }

    /** The copy of {@code old} in the new pool: same issuer, audiences, JWKS, mapping, condition and disabled flag. */
    static WorkloadIdentityPoolProvider copyOf(WorkloadIdentityPoolProvider old) {
        Oidc oidc = old.getOidc() == null ? null : old.getOidc().clone();
        WorkloadIdentityPoolProvider copy = new WorkloadIdentityPoolProvider().setOidc(oidc)
                .setAttributeMapping(old.getAttributeMapping() == null ? null : new java.util.LinkedHashMap<>(old.getAttributeMapping()))
                .setDisabled(Boolean.TRUE.equals(old.getDisabled()));
        if (old.getDisplayName() != null) {
            copy.setDisplayName(old.getDisplayName());
        }
        if (old.getAttributeCondition() != null && !old.getAttributeCondition().isBlank()) {
            copy.setAttributeCondition(old.getAttributeCondition());
        }
        return copy;
    }

    static Step provider(SetupValues newValues, WorkloadIdentityPoolProvider old,
                         Optional<WorkloadIdentityPoolProvider> inNewPool) {
        String id = PoolReader.idOf(old.getName());
        String name = newValues.poolName() + "/providers/" + id;
        WorkloadIdentityPoolProvider want = copyOf(old);
        Action action;
        List<FieldDiff> diff = new ArrayList<>();
        if (inNewPool.isEmpty()) {
            action = Action.CREATE;
            diff.add(FieldDiff.added("oidc.issuerUri", want.getOidc() == null ? "" : want.getOidc().getIssuerUri()));
        } else if (PoolReader.DELETED.equals(inNewPool.get().getState())) {
            action = Action.UNDELETE;
            diff.add(new FieldDiff("state", PoolReader.DELETED, "ACTIVE"));
        } else {
            List<String> differs = IamResources.providerDifferences(inNewPool.get(), want);
            action = differs.isEmpty() ? Action.NONE : Action.UPDATE;
            differs.forEach(f -> diff.add(new FieldDiff(f, "(as found)", "(as on " + old.getName() + ")")));
        }
        return new Step("mirror-provider:" + id, action, name, "Copy of the old pool's provider " + id
                + " (issuer, audiences, mapping, condition as they are now)", diff,
                action == Action.NONE ? "" : "iam.projects.locations.workloadIdentityPools.providers.create/patch",
                action == Action.NONE ? "" : "gcloud iam workload-identity-pools providers create-oidc " + id
                        + " --project=" + newValues.projectId() + " --location=global --workload-identity-pool="
                        + newValues.poolId() + " (same flags as " + id + " in the old pool)",
                List.of(POOL_STEP), c -> {
                    Outcome made = IamResources.ensureProvider(c, name, want);
                    if (made == Outcome.CREATED) {
                        return made;
                    }
                    Outcome patched = IamResources.updateProvider(c, name, want);
                    return made.changed() ? made : patched;
                });
    }

    /** The bindings of {@code members} (old pool, one account) granted to the same members of the new pool. */
    static Step bindings(String email, String resource, List<PolicyChange> forNewPool,
                         com.google.api.services.iam.v1.model.Policy now) {
        List<PolicyChange> missing = forNewPool.stream().filter(ch -> !Bindings.inPlace(now, ch)).toList();
        return new Step("mirror-bindings:" + email, missing.isEmpty() ? Action.NONE : Action.UPDATE, resource,
                "Bindings someone else made for the old pool on " + email + ", copied for the new pool (you asked for it)",
                missing.stream().map(ch -> FieldDiff.added(ch.role(), ch.member())).toList(),
                missing.isEmpty() ? "" : "iam.projects.serviceAccounts.setIamPolicy (read-modify-write with the etag)",
                String.join("\n", missing.stream().map(ch -> "gcloud iam service-accounts add-iam-policy-binding " + email
                        + " --role=" + ch.role() + " --member=" + ch.member()).toList()),
                List.of(POOL_STEP), c -> Bindings.ensureServiceAccount(c, forNewPool));
    }
}
