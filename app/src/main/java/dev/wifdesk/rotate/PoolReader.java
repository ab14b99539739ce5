package dev.wifdesk.rotate;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.IamServiceAccountDirectory;
import dev.wifdesk.cloud.ServiceAccountNames;
import dev.wifdesk.cloud.ServiceAccountPolicyEditor;
import dev.wifdesk.model.ResourceNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads only: every pool of a project (soft-deleted ones too), a pool's providers, and who of a pool is bound where. */
final class PoolReader {
    static final String DELETED = "DELETED";

    private final GoogleClients google;

    PoolReader(GoogleClients google) {
        this.google = google;
    }

    /** One member of a pool bound on a service account's policy. */
    record PoolMember(String email, String resource, String role, String member, boolean conditional) {
    }

    List<WorkloadIdentityPool> pools(String projectId) throws IOException {
        List<WorkloadIdentityPool> out = new ArrayList<>();
        String token = null;
        do {
            var page = google.iam().projects().locations().workloadIdentityPools()
                    .list("projects/" + projectId + "/locations/global").setShowDeleted(true).setPageToken(token).execute();
            if (page.getWorkloadIdentityPools() != null) {
                out.addAll(page.getWorkloadIdentityPools());
            }
            token = page.getNextPageToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /** The pool's providers; soft-deleted ones only when {@code withDeleted}. */
    List<WorkloadIdentityPoolProvider> providers(String poolName, boolean withDeleted) throws IOException {
        List<WorkloadIdentityPoolProvider> out = new ArrayList<>();
        String token = null;
        do {
            var page = google.iam().projects().locations().workloadIdentityPools().providers().list(poolName)
                    .setShowDeleted(withDeleted).setPageToken(token).execute();
            if (page.getWorkloadIdentityPoolProviders() != null) {
                page.getWorkloadIdentityPoolProviders().stream().filter(p -> withDeleted || !DELETED.equals(p.getState()))
                        .forEach(out::add);
            }
            token = page.getNextPageToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /** Every service account of the project (by e-mail, in list order) with its policy as it is now. */
    Map<String, Policy> accountPolicies(String projectId) throws IOException {
        ServiceAccountPolicyEditor editor = new ServiceAccountPolicyEditor(google.iam());
        Map<String, Policy> out = new LinkedHashMap<>();
        for (String email : new IamServiceAccountDirectory(google.iam()).list(projectId)) {
            out.put(email, editor.read(ServiceAccountNames.resource(email, projectId)));
        }
        return out;
    }

    /** Every member of the pool ({@code principal://} or {@code principalSet://} under it) bound in {@code policies}. */
    static List<PoolMember> membersOf(Map<String, Policy> policies, String projectId, String projectNumber, String poolId) {
        String under = poolPrefix(projectNumber, poolId);
        List<PoolMember> out = new ArrayList<>();
        policies.forEach((email, policy) -> {
            for (Binding b : policy.getBindings() == null ? List.<Binding>of() : policy.getBindings()) {
                for (String m : b.getMembers() == null ? List.<String>of() : b.getMembers()) {
                    if (m.contains(under)) {
                        out.add(new PoolMember(email, ServiceAccountNames.resource(email, projectId), b.getRole(), m,
                                b.getCondition() != null));
                    }
                }
            }
        });
        return out;
    }

    /** {@code //iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/POOL/}: what every member of the pool contains. */
    static String poolPrefix(String projectNumber, String poolId) {
        return ResourceNames.fullName(ResourceNames.poolName(projectNumber, poolId)) + "/";
    }

    /** The same member, of the other pool. */
    static String inPool(String member, String projectNumber, String fromPool, String toPool) {
        return member.replace(poolPrefix(projectNumber, fromPool), poolPrefix(projectNumber, toPool));
    }

    static String idOf(String resourceName) {
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }
}
