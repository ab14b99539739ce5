package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.TestIamPermissionsRequest;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.iam.v1.model.CreateServiceAccountKeyRequest;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.DisableServiceAccountKeyRequest;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.ServiceAccountKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service account keys, testIamPermissions and Dataflow job listing through the real clients. */
class KeysAndPermissionsTest {
    private final SandboxFixture fx = new SandboxFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void userManagedKeysCanBeListedDisabledAndDeleted() throws Exception {
        ServiceAccount sa = fx.iam.projects().serviceAccounts().create("projects/sandbox-project",
                new CreateServiceAccountRequest().setAccountId("legacy-deployer")).execute();
        var keys = fx.iam.projects().serviceAccounts().keys();
        String account = "projects/sandbox-project/serviceAccounts/" + sa.getEmail();
        assertThat(keys.list(account).setKeyTypes(List.of("USER_MANAGED")).execute().getKeys()).isNull();

        ServiceAccountKey created = keys.create(account, new CreateServiceAccountKeyRequest()).execute();
        assertThat(created.getName()).startsWith(account + "/keys/");
        String file = new String(Base64.getDecoder().decode(created.getPrivateKeyData()), StandardCharsets.UTF_8);
        assertThat(file).contains("\"type\" : \"service_account\"").contains(sa.getEmail());

        List<ServiceAccountKey> listed = keys.list(account).setKeyTypes(List.of("USER_MANAGED")).execute().getKeys();
        assertThat(listed).singleElement().satisfies(k -> {
            assertThat(k.getKeyType()).isEqualTo("USER_MANAGED");
            assertThat(k.getPrivateKeyData()).isNull();
            assertThat(k.getDisabled()).isNull();
        });

        keys.disable(created.getName(), new DisableServiceAccountKeyRequest()).execute();
        assertThat(keys.get(created.getName()).execute().getDisabled()).isTrue();
        keys.delete(created.getName()).execute();
        var gone = googleError(() -> keys.get(created.getName()).execute());
        assertThat(gone.getStatusCode()).isEqualTo(404);
    }

    @Test
    void testIamPermissionsReturnsWhatTheCallerHolds() throws Exception {
        var crm = fx.clients.resourceManager();
        var held = crm.projects().testIamPermissions("projects/sandbox-project", new TestIamPermissionsRequest()
                .setPermissions(List.of("resourcemanager.projects.setIamPolicy", "dataflow.jobs.create"))).execute();
        assertThat(held.getPermissions()).containsExactly("resourcemanager.projects.setIamPolicy", "dataflow.jobs.create");

        ServiceAccount sa = fx.iam.projects().serviceAccounts().create("projects/sandbox-project",
                new CreateServiceAccountRequest().setAccountId("wifdesk-runner")).execute();
        var onSa = fx.iam.projects().serviceAccounts().testIamPermissions("projects/-/serviceAccounts/" + sa.getEmail(),
                new com.google.api.services.iam.v1.model.TestIamPermissionsRequest()
                        .setPermissions(List.of("iam.serviceAccounts.actAs"))).execute();
        assertThat(onSa.getPermissions()).containsExactly("iam.serviceAccounts.actAs");
    }

    @Test
    void dataflowJobsAreListedPerLocation() throws Exception {
        var dataflow = fx.clients.dataflow();
        var params = new LaunchTemplateParameters().setJobName("listed")
                .setParameters(Map.of("output", "gs://wifdesk-sandbox/out"));
        String id = dataflow.projects().locations().templates().launch("sandbox-project", "us-central1", params)
                .setGcsPath("gs://dataflow-templates/latest/Word_Count").execute().getJob().getId();
        assertThat(dataflow.projects().locations().jobs().list("sandbox-project", "us-central1").execute().getJobs())
                .extracting(com.google.api.services.dataflow.model.Job::getId).containsExactly(id);
        assertThat(dataflow.projects().locations().jobs().list("sandbox-project", "europe-west1").execute().getJobs())
                .isNull();
    }
}
