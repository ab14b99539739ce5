package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.Binding;
import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.ServiceAccount;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.google.GoogleSandbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both policy editors against a sandbox that makes another writer win once between get and set
 * (409 ABORTED, stale etag): the editor starts over and the change lands, nothing else is lost.
 */
class PolicyEditorsRetryTest {
    private static final String MEMBER = "serviceAccount:runner@sandbox-project.iam.gserviceaccount.com";

    private static GoogleSandbox start(String faults) {
        return GoogleSandbox.start(SandboxOptions.defaults().withFaults(faults), new IssuerDirectory());
    }

    /** The operator's clients, with MEMBER's account created: IAM refuses a member naming a missing account. */
    private static GoogleClients operator(GoogleSandbox s) throws java.io.IOException {
        GoogleClients clients = new GoogleClients(Target.sandbox(s.baseUrl(), s.operatorToken(), s.operatorEmail()));
        clients.iam().projects().serviceAccounts().create("projects/sandbox-project",
                new CreateServiceAccountRequest().setAccountId("runner")).execute();
        return clients;
    }

    @Test
    void projectRolesAreGrantedAfterAConcurrentEditAndTheOwnerStays() throws Exception {
        List<Long> waits = new ArrayList<>();
        try (GoogleSandbox sandbox = start("crm:setIamPolicy=concurrent-edit")) {
            GoogleClients clients = operator(sandbox);
            ProjectPolicyEditor editor = new ProjectPolicyEditor(clients.resourceManager(), waits::add);

            assertThat(editor.grant("sandbox-project", MEMBER, List.of("roles/dataflow.developer"))).isTrue();
            assertThat(waits).as("one retry after the 409").hasSize(1);
            var policy = clients.resourceManager().projects().getIamPolicy("projects/sandbox-project",
                    new GetIamPolicyRequest()).execute();
            assertThat(policy.getBindings()).filteredOn(b -> b.getRole().equals("roles/dataflow.developer"))
                    .flatExtracting(Binding::getMembers).containsExactly(MEMBER);
            assertThat(policy.getBindings()).filteredOn(b -> b.getRole().equals("roles/owner"))
                    .flatExtracting(Binding::getMembers).contains("user:" + sandbox.operatorEmail());
            assertThat(editor.grant("sandbox-project", MEMBER, List.of("roles/dataflow.developer"))).isFalse();
        }
    }

    @Test
    void serviceAccountBindingLandsAfterAConcurrentEdit() throws Exception {
        List<Long> waits = new ArrayList<>();
        try (GoogleSandbox sandbox = start("iam:setIamPolicy=concurrent-edit")) {
            GoogleClients clients = operator(sandbox);
            ServiceAccount sa = clients.iam().projects().serviceAccounts().create("projects/sandbox-project",
                    new CreateServiceAccountRequest().setAccountId("gitlab-dataflow")).execute();
            String resource = ServiceAccountNames.resource(sa.getEmail(), "sandbox-project");
            ServiceAccountPolicyEditor editor = new ServiceAccountPolicyEditor(clients.iam(), waits::add);

            var stored = editor.apply(new PolicyChange(resource, "roles/iam.workloadIdentityUser", MEMBER, true));
            assertThat(waits).hasSize(1);
            assertThat(stored.getBindings()).anyMatch(b -> b.getMembers().contains(MEMBER));
            assertThat(editor.read(resource).getBindings()).anyMatch(b -> b.getMembers().contains(MEMBER));
        }
    }
}
