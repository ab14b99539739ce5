package dev.wifdesk.plan;

import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolProviderRequest;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Operations;
import dev.wifdesk.cloud.ServiceAccountNames;
import java.io.IOException;

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
        String id = poolName.substring(poolName.lastIndexOf('/') + 1);
        c.audited().call("iam.workloadIdentityPools.create", poolName, "display name " + desired.getDisplayName(),
                () -> wait.await(pools.create("projects/" + projectId + "/locations/global", desired)
                        .setWorkloadIdentityPoolId(id).execute(), "the creation of " + poolName));
        return Outcome.CREATED;
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
        int cut = providerName.lastIndexOf("/providers/");
        String pool = providerName.substring(0, cut);
        String id = providerName.substring(cut + "/providers/".length());
        String detail = "issuer " + (desired.getOidc() == null ? "" : desired.getOidc().getIssuerUri())
                + "; mapping " + desired.getAttributeMapping() + "; condition " + desired.getAttributeCondition();
        c.audited().call("iam.workloadIdentityPools.providers.create", providerName, detail,
                () -> wait.await(providers.create(pool, desired).setWorkloadIdentityPoolProviderId(id).execute(),
                        "the creation of " + providerName));
        return Outcome.CREATED;
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
        ServiceAccount sa = c.audited().call("iam.serviceAccounts.create", resource, "display name " + displayName,
                () -> accounts.create("projects/" + projectId, new CreateServiceAccountRequest().setAccountId(accountId)
                        .setServiceAccount(new ServiceAccount().setDisplayName(displayName))).execute());
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
