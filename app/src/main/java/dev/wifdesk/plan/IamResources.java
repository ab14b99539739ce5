package dev.wifdesk.plan;

import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolProviderRequest;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Operations;
import dev.wifdesk.cloud.ServiceAccountNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pools, providers and service accounts: what a plan would do to one (observed with reads only),
 * and the idempotent change that makes it exist. A soft-deleted pool or provider is undeleted,
 * since its id cannot be created again for 30 days. An existing one is left as it is.
 */
public final class IamResources {

    private static final String DELETED = "DELETED";

    private IamResources() {
    }

    // --- pools ---

    public static Action poolAction(GoogleClients google, String poolName) throws IOException {
        WorkloadIdentityPool p = Reads.find(() -> pools(google).get(poolName).execute());
        return p == null ? Action.CREATE : stateAction(p.getState());
    }

    /** {@code poolName} = projects/NUMBER/locations/global/workloadIdentityPools/ID. */
    public static Outcome ensurePool(ChangeContext c, String projectId, String poolName, WorkloadIdentityPool desired)
            throws Exception {
        var pools = pools(c.google());
        WorkloadIdentityPool existing = Reads.find(() -> pools.get(poolName).execute());
        Operations wait = new Operations(c.google().iam());
        if (existing != null) {
            if (!DELETED.equals(existing.getState())) {
                return Outcome.ALREADY_EXISTS;
            }
            c.audited().call("iam.workloadIdentityPools.undelete", poolName, "undelete the soft-deleted pool",
                    () -> wait.await(pools.undelete(poolName, new UndeleteWorkloadIdentityPoolRequest()).execute(),
                            "the undelete of " + poolName));
            return Outcome.UNDELETED;
        }
        return createdOrExisting(() -> createPoolNow(c, projectId, poolName, desired));
    }

    /**
     * For a pool the plan has just seen absent: creates it without looking again (one get less on
     * the critical path of a fresh setup). A 409 (it appeared since, soft-deleted or not, or a retried
     * create landed) falls back to {@link #ensurePool}, which reads and undeletes if need be.
     */
    public static Outcome createPool(ChangeContext c, String projectId, String poolName, WorkloadIdentityPool desired)
            throws Exception {
        Outcome made = createdOrExisting(() -> createPoolNow(c, projectId, poolName, desired));
        return made == Outcome.CREATED ? made : ensurePool(c, projectId, poolName, desired);
    }

    private static Outcome createPoolNow(ChangeContext c, String projectId, String poolName,
                                         WorkloadIdentityPool desired) throws Exception {
        String id = poolName.substring(poolName.lastIndexOf('/') + 1);
        var pools = pools(c.google());
        c.audited().call("iam.workloadIdentityPools.create", poolName, "display name " + desired.getDisplayName(),
                () -> new Operations(c.google().iam()).await(pools.create("projects/" + projectId + "/locations/global",
                        desired).setWorkloadIdentityPoolId(id).execute(), "the creation of " + poolName));
        return Outcome.CREATED;
    }

    /** A create's outcome: CREATED, or ALREADY_EXISTS on 409 (it exists, or a retried create whose first attempt landed). */
    private static Outcome createdOrExisting(AuditedChanges.MutatingCall<Outcome> create) throws Exception {
        try {
            return create.call();
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() != 409) {
                throw e;
            }
            return Outcome.ALREADY_EXISTS;
        }
    }

    // --- providers ---

    public static Action providerAction(GoogleClients google, String providerName) throws IOException {
        WorkloadIdentityPoolProvider p = Reads.find(() -> pools(google).providers().get(providerName).execute());
        return p == null ? Action.CREATE : stateAction(p.getState());
    }

    /** {@code providerName} = POOL_NAME/providers/ID. */
    public static Outcome ensureProvider(ChangeContext c, String providerName, WorkloadIdentityPoolProvider desired)
            throws Exception {
        var providers = pools(c.google()).providers();
        WorkloadIdentityPoolProvider existing = Reads.find(() -> providers.get(providerName).execute());
        Operations wait = new Operations(c.google().iam());
        if (existing != null) {
            if (!DELETED.equals(existing.getState())) {
                return Outcome.ALREADY_EXISTS;
            }
            c.audited().call("iam.workloadIdentityPools.providers.undelete", providerName,
                    "undelete the soft-deleted provider", () -> wait.await(providers.undelete(providerName,
                            new UndeleteWorkloadIdentityPoolProviderRequest()).execute(), "the undelete of " + providerName));
            return Outcome.UNDELETED;
        }
        return createdOrExisting(() -> createProviderNow(c, providerName, desired));
    }

    /** For a provider the plan has just seen absent, like {@link #createPool}: create at once, on 409 {@link #ensureProvider}. */
    public static Outcome createProvider(ChangeContext c, String providerName, WorkloadIdentityPoolProvider desired)
            throws Exception {
        Outcome made = createdOrExisting(() -> createProviderNow(c, providerName, desired));
        return made == Outcome.CREATED ? made : ensureProvider(c, providerName, desired);
    }

    private static Outcome createProviderNow(ChangeContext c, String providerName, WorkloadIdentityPoolProvider desired)
            throws Exception {
        var providers = pools(c.google()).providers();
        int cut = providerName.lastIndexOf("/providers/");
        String pool = providerName.substring(0, cut);
        String id = providerName.substring(cut + "/providers/".length());
        String detail = "issuer " + (desired.getOidc() == null ? "" : desired.getOidc().getIssuerUri())
                + "; mapping " + desired.getAttributeMapping() + "; condition " + desired.getAttributeCondition();
        c.audited().call("iam.workloadIdentityPools.providers.create", providerName, detail,
                () -> new Operations(c.google().iam()).await(providers.create(pool, desired)
                        .setWorkloadIdentityPoolProviderId(id).execute(), "the creation of " + providerName));
        return Outcome.CREATED;
    }

    /**
     * Patches the fields of the pool that differ from {@code desired} (display name, description,
     * disabled); the pool must exist and not be deleted. No call when all are as desired.
     */
    public static Outcome updatePool(ChangeContext c, String poolName, WorkloadIdentityPool desired) throws Exception {
        var pools = pools(c.google());
        WorkloadIdentityPool now = pools.get(poolName).execute();
        List<String> mask = new ArrayList<>();
        if (!Objects.equals(now.getDisplayName(), desired.getDisplayName())) {
            mask.add("display_name");
        }
        if (!Objects.equals(blank(now.getDescription()), blank(desired.getDescription()))) {
            mask.add("description");
        }
        if (Boolean.TRUE.equals(now.getDisabled()) != Boolean.TRUE.equals(desired.getDisabled())) {
            mask.add("disabled");
        }
        if (mask.isEmpty()) {
            return Outcome.ALREADY_EXISTS;
        }
        String updateMask = String.join(",", mask);
        c.audited().call("iam.workloadIdentityPools.patch", poolName, "update " + updateMask,
                () -> new Operations(c.google().iam()).await(pools.patch(poolName, desired).setUpdateMask(updateMask)
                        .execute(), "the update of " + poolName));
        return Outcome.UPDATED;
    }

    /**
     * Patches the provider's fields that differ from {@code desired}: issuer, allowed audiences,
     * mapping, condition, disabled. No call when all are as desired.
     */
    public static Outcome updateProvider(ChangeContext c, String providerName, WorkloadIdentityPoolProvider desired)
            throws Exception {
        var providers = pools(c.google()).providers();
        WorkloadIdentityPoolProvider now = providers.get(providerName).execute();
        List<String> mask = providerDifferences(now, desired);
        if (mask.isEmpty()) {
            return Outcome.ALREADY_EXISTS;
        }
        String updateMask = String.join(",", mask);
        c.audited().call("iam.workloadIdentityPools.providers.patch", providerName, "update " + updateMask,
                () -> new Operations(c.google().iam()).await(providers.patch(providerName, desired)
                        .setUpdateMask(updateMask).execute(), "the update of " + providerName));
        return Outcome.UPDATED;
    }

    /** The update-mask paths in which {@code now} differs from {@code desired}. */
    public static List<String> providerDifferences(WorkloadIdentityPoolProvider now,
                                                               WorkloadIdentityPoolProvider desired) {
        List<String> mask = new ArrayList<>();
        var nowOidc = now.getOidc() == null ? new Oidc() : now.getOidc();
        var wantOidc = desired.getOidc() == null ? new Oidc() : desired.getOidc();
        if (!Objects.equals(nowOidc.getIssuerUri(), wantOidc.getIssuerUri())) {
            mask.add("oidc.issuer_uri");
        }
        if (!list(nowOidc.getAllowedAudiences()).equals(list(wantOidc.getAllowedAudiences()))) {
            mask.add("oidc.allowed_audiences");
        }
        if (!map(now.getAttributeMapping()).equals(map(desired.getAttributeMapping()))) {
            mask.add("attribute_mapping");
        }
        if (!blank(now.getAttributeCondition()).equals(blank(desired.getAttributeCondition()))) {
            mask.add("attribute_condition");
        }
        if (Boolean.TRUE.equals(now.getDisabled()) != Boolean.TRUE.equals(desired.getDisabled())) {
            mask.add("disabled");
        }
        return mask;
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    // --- service accounts ---

    /** {@code resource} = projects/PROJECT/serviceAccounts/EMAIL. */
    public static Action serviceAccountAction(GoogleClients google, String resource) throws IOException {
        return Reads.find(() -> google.iam().projects().serviceAccounts().get(resource).execute()) == null
                ? Action.CREATE : Action.NONE;
    }

    public static Outcome ensureServiceAccount(ChangeContext c, String projectId, String accountId, String email,
                                               String displayName) throws Exception {
        var accounts = c.google().iam().projects().serviceAccounts();
        String resource = ServiceAccountNames.resource(email, projectId);
        if (Reads.find(() -> accounts.get(resource).execute()) != null) {
            return Outcome.ALREADY_EXISTS;
        }
        return createServiceAccount(c, projectId, accountId, email, displayName);
    }

    /**
     * For an account the plan has just seen absent: creates it without looking again; a 409 (it
     * appeared since, or a retried create landed) is ALREADY_EXISTS.
     */
    public static Outcome createServiceAccount(ChangeContext c, String projectId, String accountId, String email,
                                               String displayName) throws Exception {
        var accounts = c.google().iam().projects().serviceAccounts();
        String resource = ServiceAccountNames.resource(email, projectId);
        ServiceAccount sa;
        try {
            sa = c.audited().call("iam.serviceAccounts.create", resource, "display name " + displayName,
                    () -> accounts.create("projects/" + projectId, new CreateServiceAccountRequest().setAccountId(accountId)
                            .setServiceAccount(new ServiceAccount().setDisplayName(displayName))).execute());
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() != 409) {
                throw e;
            }
            return Outcome.ALREADY_EXISTS;
        }
        if (!email.equals(sa.getEmail())) {
            throw new IOException("the service account was created as " + sa.getEmail() + ", expected " + email);
        }
        return Outcome.CREATED;
    }

    private static Action stateAction(String observedState) {
        return DELETED.equals(observedState) ? Action.UNDELETE : Action.NONE;
    }

    private static com.google.api.services.iam.v1.Iam.Projects.Locations.WorkloadIdentityPools pools(GoogleClients g) {
        return g.iam().projects().locations().workloadIdentityPools();
    }
}
