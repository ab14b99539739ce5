package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Expr;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.google.GoogleSandbox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live reader reads policies as they are, conditional grants included, through the real IAM client. */
class LiveFederationReaderTest {

    @Test
    void conditionalGrantKeepsItsRoleName() throws Exception {
        try (GoogleSandbox google = GoogleSandbox.start(SandboxOptions.defaults(), new IssuerDirectory())) {
            GoogleClients clients = new GoogleClients(Target.sandbox(google.baseUrl(), google.operatorToken(),
                    google.operatorEmail()));
            String sa = google.projectNumber() + "-compute@developer.gserviceaccount.com";
            String name = "projects/" + google.projectId() + "/serviceAccounts/" + sa;
            String member = "principalSet://iam.googleapis.com/projects/" + google.projectNumber()
                    + "/locations/global/workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines";
            var accounts = clients.iam().projects().serviceAccounts();
            Policy policy = accounts.getIamPolicy(name).setOptionsRequestedPolicyVersion(3).execute();
            policy.setVersion(3).setBindings(List.of(new Binding().setRole("roles/iam.workloadIdentityUser")
                    .setMembers(List.of(member))
                    .setCondition(new Expr().setTitle("until-2030").setExpression("request.time < timestamp(\"2030-01-01T00:00:00Z\")"))));
            accounts.setIamPolicy(name, new SetIamPolicyRequest().setPolicy(policy)).execute();

            LiveFederationState state = new LiveFederationReader(clients, issuer -> {
                throw new java.io.IOException("no issuer here");
            }).read(null, sa);

            assertThat(state.notes()).isEmpty();
            assertThat(state.policy().bindings()).extracting(IamPolicy.Binding::role)
                    .containsExactly("roles/iam.workloadIdentityUser");
            assertThat(state.policy().bindings().get(0).conditional()).isTrue();
            assertThat(state.policy().bindings().get(0).members()).containsExactly(member);
        }
    }
}
