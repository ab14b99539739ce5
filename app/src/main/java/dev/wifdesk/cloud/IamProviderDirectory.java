package dev.wifdesk.cloud;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.ListWorkloadIdentityPoolProvidersResponse;
import com.google.api.services.iam.v1.model.ListWorkloadIdentityPoolsResponse;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.ResourceNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pools and providers through the official IAM v1 client (list, get, patch + operation polling). */
public final class IamProviderDirectory implements ProviderDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(IamProviderDirectory.class);
    /** Bounded wait for the patch's long-running operation: 60 polls, 250 ms apart at most. */

    private final Iam iam;

    public IamProviderDirectory(Iam iam) {
        this.iam = iam;
    }

    @Override
    public List<ProviderChoice> list(String projectId) throws IOException {
        List<ProviderChoice> out = new ArrayList<>();
        var pools = iam.projects().locations().workloadIdentityPools();
        String pageToken = null;
        do {
            ListWorkloadIdentityPoolsResponse page = pools.list("projects/" + projectId + "/locations/global")
                    .setPageToken(pageToken).execute();
            if (page.getWorkloadIdentityPools() != null) {
                for (WorkloadIdentityPool pool : page.getWorkloadIdentityPools()) {
                    out.addAll(providersOf(pool.getName()));
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null && !pageToken.isEmpty());
        LOG.info("Listed providers in project {}: {}", projectId, out.size());
        return out;
    }

    private List<ProviderChoice> providersOf(String poolName) throws IOException {
        List<ProviderChoice> out = new ArrayList<>();
        String pageToken = null;
        do {
            ListWorkloadIdentityPoolProvidersResponse page = iam.projects().locations().workloadIdentityPools()
                    .providers().list(poolName).setPageToken(pageToken).execute();
            if (page.getWorkloadIdentityPoolProviders() != null) {
                for (WorkloadIdentityPoolProvider p : page.getWorkloadIdentityPoolProviders()) {
                    var ref = ResourceNames.parseProvider(p.getName());
                    out.add(new ProviderChoice(p.getName(), ref.map(ResourceNames.ProviderRef::poolId).orElse(""),
                            ref.map(ResourceNames.ProviderRef::providerId).orElse(p.getName()),
                            p.getDisplayName(), p.getState()));
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null && !pageToken.isEmpty());
        return out;
    }

    @Override
    public WorkloadIdentityPoolProvider get(String providerName) throws IOException {
        return iam.projects().locations().workloadIdentityPools().providers().get(providerName).execute();
    }

    @Override
    public void apply(ProviderPatch change) throws IOException {
        var providers = iam.projects().locations().workloadIdentityPools().providers();
        Operation op = providers.patch(change.providerName(), change.body())
                .setUpdateMask(change.updateMask()).execute();
        LOG.info("Patched {} ({})", change.providerName(), change.updateMask());
        new Operations(iam).await(op, "The update of " + change.providerName());
    }
}
