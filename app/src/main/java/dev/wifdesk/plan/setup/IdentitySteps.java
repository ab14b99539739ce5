package dev.wifdesk.plan.setup;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.IamResources;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pool and provider steps. An id held by a soft-deleted pool or provider plans as undelete
 * then update (it cannot be created again for 30 days); an existing one is patched field by field.
 */
final class IdentitySteps {
    static final String POOL = SetupStepIds.POOL;
    static final String PROVIDER = SetupStepIds.PROVIDER;
    private static final String DELETED = "DELETED";

    private IdentitySteps() {
    }

    static WorkloadIdentityPool desiredPool(SetupValues v) {
        var pool = v.spec().gcp().pool();
        return new WorkloadIdentityPool().setDisplayName(pool.displayName()).setDescription(pool.description())
                .setDisabled(false);
    }

    static WorkloadIdentityPoolProvider desiredProvider(SetupValues v) {
        Oidc oidc = new Oidc().setIssuerUri(v.spec().gcp().provider().issuer());
        if (!v.allowedAudiences().isEmpty()) {
            oidc.setAllowedAudiences(new ArrayList<>(v.allowedAudiences()));
        }
        WorkloadIdentityPoolProvider p = new WorkloadIdentityPoolProvider().setOidc(oidc).setDisabled(false)
                .setAttributeMapping(new java.util.LinkedHashMap<>(v.attributeMapping()));
        if (!v.attributeCondition().isBlank()) {
            p.setAttributeCondition(v.attributeCondition());
        }
        return p;
    }

    static Step pool(SetupValues v, ObservedState seen, List<String> dependsOn) {
        WorkloadIdentityPool want = desiredPool(v);
        Optional<WorkloadIdentityPool> have = seen.pool();
        List<FieldDiff> diff = new ArrayList<>();
        diff(diff, "displayName", have.map(WorkloadIdentityPool::getDisplayName), want.getDisplayName());
        diff(diff, "description", have.map(WorkloadIdentityPool::getDescription), want.getDescription());
        diff(diff, "disabled", have.map(p -> String.valueOf(Boolean.TRUE.equals(p.getDisabled()))), "false");
        Action action = action(have.map(WorkloadIdentityPool::getState), diff);
        if (action == Action.UNDELETE) {
            diff.add(0, new FieldDiff("state", DELETED, "ACTIVE"));
        }
        String where = " --project=" + v.projectId() + " --location=global";
        String gcloud = switch (action) {
            case CREATE -> "gcloud iam workload-identity-pools create " + v.poolId() + where
                    + Gcloud.flag("display-name", want.getDisplayName()) + Gcloud.flag("description", want.getDescription());
            case UNDELETE -> "gcloud iam workload-identity-pools undelete " + v.poolId() + where
                    + "\ngcloud iam workload-identity-pools update " + v.poolId() + where
                    + Gcloud.flag("display-name", want.getDisplayName()) + Gcloud.flag("description", want.getDescription());
            case UPDATE -> "gcloud iam workload-identity-pools update " + v.poolId() + where
                    + Gcloud.flag("display-name", want.getDisplayName()) + Gcloud.flag("description", want.getDescription());
            default -> "";
        };
        return new Step(POOL, action, v.poolName(), "Workload identity pool " + v.poolId(), diff,
                apiCall(action, "iam.projects.locations.workloadIdentityPools"), gcloud, dependsOn,
                c -> {
                    // planned CREATE: the plan has just seen no pool, so create at once (a 409 re-reads)
                    Outcome made = action == Action.CREATE ? IamResources.createPool(c, v.projectId(), v.poolName(), want)
                            : IamResources.ensurePool(c, v.projectId(), v.poolName(), want);
                    return made == Outcome.CREATED ? made : combine(made, IamResources.updatePool(c, v.poolName(), want));
                });
    }

    static Step provider(SetupValues v, ObservedState seen, List<String> dependsOn) {
        WorkloadIdentityPoolProvider want = desiredProvider(v);
        Optional<WorkloadIdentityPoolProvider> have = seen.provider();
        Optional<Oidc> haveOidc = have.map(p -> p.getOidc() == null ? new Oidc() : p.getOidc());
        List<FieldDiff> diff = new ArrayList<>();
        diff(diff, "oidc.issuerUri", haveOidc.map(Oidc::getIssuerUri), want.getOidc().getIssuerUri());
        diff(diff, "oidc.allowedAudiences", haveOidc.map(o -> audiences(o.getAllowedAudiences())),
                audiences(want.getOidc().getAllowedAudiences()));
        diff(diff, "attributeMapping", have.map(p -> mapping(p.getAttributeMapping())), mapping(want.getAttributeMapping()));
        diff(diff, "attributeCondition", have.map(p -> blank(p.getAttributeCondition())), blank(want.getAttributeCondition()));
        diff(diff, "disabled", have.map(p -> String.valueOf(Boolean.TRUE.equals(p.getDisabled()))), "false");
        Action action = action(have.map(WorkloadIdentityPoolProvider::getState), diff);
        if (action == Action.UNDELETE) {
            diff.add(0, new FieldDiff("state", DELETED, "ACTIVE"));
        }
        String where = " --project=" + v.projectId() + " --location=global --workload-identity-pool=" + v.poolId();
        String fields = Gcloud.flag("issuer-uri", want.getOidc().getIssuerUri())
                + (v.allowedAudiences().isEmpty() ? "" : Gcloud.flag("allowed-audiences", Gcloud.list(v.allowedAudiences())))
                + Gcloud.flag("attribute-mapping", Gcloud.mapping(v.attributeMapping()))
                + (v.attributeCondition().isBlank() ? "" : Gcloud.flag("attribute-condition", v.attributeCondition()));
        String gcloud = switch (action) {
            case CREATE -> "gcloud iam workload-identity-pools providers create-oidc " + v.providerId() + where + fields;
            case UNDELETE -> "gcloud iam workload-identity-pools providers undelete " + v.providerId() + where
                    + "\ngcloud iam workload-identity-pools providers update-oidc " + v.providerId() + where + fields;
            case UPDATE -> "gcloud iam workload-identity-pools providers update-oidc " + v.providerId() + where + fields;
            default -> "";
        };
        return new Step(PROVIDER, action, v.providerName(), "OIDC provider " + v.providerId() + " (issuer "
                + want.getOidc().getIssuerUri() + ")", diff,
                apiCall(action, "iam.projects.locations.workloadIdentityPools.providers"), gcloud, dependsOn,
                c -> {
                    Outcome made = action == Action.CREATE ? IamResources.createProvider(c, v.providerName(), want)
                            : IamResources.ensureProvider(c, v.providerName(), want);
                    return made == Outcome.CREATED ? made
                            : combine(made, IamResources.updateProvider(c, v.providerName(), want));
                });
    }

    /** CREATE when absent, UNDELETE when soft-deleted, UPDATE when a field differs, else NONE. */
    private static Action action(Optional<String> state, List<FieldDiff> diff) {
        if (state.isEmpty()) {
            return Action.CREATE;
        }
        if (DELETED.equals(state.get())) {
            return Action.UNDELETE;
        }
        return diff.isEmpty() ? Action.NONE : Action.UPDATE;
    }

    /** Adds the field when it changes: always for a resource that does not exist yet. */
    private static void diff(List<FieldDiff> diff, String field, Optional<String> before, String after) {
        String was = before.map(IdentitySteps::blank).orElse("");
        if (before.isEmpty() ? !after.isEmpty() : !was.equals(after)) {
            diff.add(new FieldDiff(field, was, after));
        }
    }

    private static String apiCall(Action action, String collection) {
        return switch (action) {
            case CREATE -> collection + ".create";
            case UNDELETE -> collection + ".undelete, then " + collection + ".patch";
            case UPDATE -> collection + ".patch";
            default -> "";
        };
    }

    /** What a step that undeleted or found its resource, then patched it, did: the first change counts. */
    static Outcome combine(Outcome made, Outcome patched) {
        return made.changed() ? made : patched;
    }

    static String mapping(Map<String, String> m) {
        if (m == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(m).forEach((k, val) -> b.append(b.length() == 0 ? "" : "\n").append(k).append(" = ").append(val));
        return b.toString();
    }

    private static String audiences(List<String> list) {
        return list == null ? "" : String.join(", ", list);
    }

    private static String blank(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
