package dev.wifdesk.cloud;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.ListServiceAccountsResponse;
import com.google.api.services.iam.v1.model.ServiceAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Service accounts, policies and pools through the official IAM v1 client; edits through {@link ServiceAccountPolicyEditor}. */
public final class IamServiceAccountDirectory implements ServiceAccountDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(IamServiceAccountDirectory.class);
    private final Iam iam;
    private final ServiceAccountPolicyEditor editor;

    public IamServiceAccountDirectory(Iam iam) {
        this.iam = iam;
        this.editor = new ServiceAccountPolicyEditor(iam);
    }

    @Override
    public List<String> list(String projectId) throws IOException {
        List<String> out = new ArrayList<>();
        String pageToken = null;
        do {
            ListServiceAccountsResponse page = iam.projects().serviceAccounts().list("projects/" + projectId)
                    .setPageToken(pageToken).execute();
            if (page.getAccounts() != null) {
                page.getAccounts().stream().map(ServiceAccount::getEmail).forEach(out::add);
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null && !pageToken.isEmpty());
        LOG.info("Listed service accounts in project {}: {}", projectId, out.size());
        return out;
    }

    @Override
    public String policyJson(String resource) throws IOException {
        return GoogleClients.JSON.toString(editor.read(resource));
    }

    @Override
    public String poolJson(String poolName) throws IOException {
        return GoogleClients.JSON.toString(iam.projects().locations().workloadIdentityPools().get(poolName).execute());
    }

    @Override
    public void apply(PolicyChange change) throws IOException {
        editor.apply(change);
        LOG.info("Policy changed: {}", change.describe());
    }
}
