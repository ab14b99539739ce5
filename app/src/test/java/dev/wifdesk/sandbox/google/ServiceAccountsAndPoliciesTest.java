package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.CloudResourceManager;
import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.cloudresourcemanager.v3.model.Project;
import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service accounts, their IAM policies and the project's, through the real Iam and Resource Manager clients. */
class ServiceAccountsAndPoliciesTest {
    private final SandboxFixture fx = new SandboxFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    private ServiceAccount create(SandboxFixture f, String accountId) throws Exception {
        return f.iam.projects().serviceAccounts().create("projects/sandbox-project", new CreateServiceAccountRequest()
                .setAccountId(accountId).setServiceAccount(new ServiceAccount().setDisplayName("Dataflow launcher")))
                .execute();
    }

    @Test
    void createAndGetServiceAccount() throws Exception {
        ServiceAccount sa = create(fx, "wifdesk-runner");
        assertThat(sa.getEmail()).isEqualTo("wifdesk-runner@sandbox-project.iam.gserviceaccount.com");
        assertThat(sa.getName()).isEqualTo("projects/sandbox-project/serviceAccounts/" + sa.getEmail());
        assertThat(sa.getUniqueId()).hasSize(21).containsOnlyDigits();
        assertThat(sa.getProjectId()).isEqualTo("sandbox-project");

        ServiceAccount got = fx.iam.projects().serviceAccounts().get("projects/-/serviceAccounts/" + sa.getEmail()).execute();
        assertThat(got.getDisplayName()).isEqualTo("Dataflow launcher");
        assertThat(fx.iam.projects().serviceAccounts().list("projects/sandbox-project").execute().getAccounts())
                .extracting(ServiceAccount::getEmail).contains(sa.getEmail(), fx.sandbox.computeServiceAccount());
    }

    @Test
    void deletedAccountIsGone() throws Exception {
        ServiceAccount sa = create(fx, "short-lived");
        fx.iam.projects().serviceAccounts().delete("projects/sandbox-project/serviceAccounts/" + sa.getEmail()).execute();
        var e = googleError(() -> fx.iam.projects().serviceAccounts()
                .get("projects/sandbox-project/serviceAccounts/" + sa.getEmail()).execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
    }

    @Test
    void duplicateAndMissingAccountsUseGoogleTexts() throws Exception {
        create(fx, "wifdesk-runner");
        var dup = googleError(() -> create(fx, "wifdesk-runner"));
        assertThat(dup.getStatusCode()).isEqualTo(409);
        assertThat(dup.getDetails().getMessage())
                .isEqualTo("Service account wifdesk-runner already exists within project projects/sandbox-project.");

        String missing = "nobody@sandbox-project.iam.gserviceaccount.com";
        var e = googleError(() -> fx.iam.projects().serviceAccounts()
                .get("projects/sandbox-project/serviceAccounts/" + missing).execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getDetails().getMessage())
                .isEqualTo("Service account projects/sandbox-project/serviceAccounts/" + missing + " does not exist.");

        var bad = googleError(() -> create(fx, "Bad_Id"));
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getDetails().getMessage()).contains("accountId").contains("6 to 30");
    }

    @Test
    void serviceAccountPolicyUsesEtagsAndRejectsStaleOnes() throws Exception {
        ServiceAccount sa = create(fx, "wifdesk-runner");
        String resource = "projects/sandbox-project/serviceAccounts/" + sa.getEmail();
        Policy empty = fx.iam.projects().serviceAccounts().getIamPolicy(resource)
                .setOptionsRequestedPolicyVersion(3).execute();
        assertThat(empty.getEtag()).isEqualTo("ACAB");
        assertThat(empty.getBindings()).isNull();

        String member = "principalSet://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/"
                + "gitlab-ci/attribute.project_path/acme/pipelines";
        Policy wanted = new Policy().setEtag(empty.getEtag()).setBindings(List.of(
                new Binding().setRole("roles/iam.workloadIdentityUser").setMembers(List.of(member))));
        Policy set = fx.iam.projects().serviceAccounts().setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(wanted))
                .execute();
        assertThat(set.getEtag()).isNotEqualTo("ACAB").startsWith("Bw");
        assertThat(set.getBindings()).singleElement().satisfies(b -> assertThat(b.getMembers()).containsExactly(member));

        var stale = googleError(() -> fx.iam.projects().serviceAccounts()
                .setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(wanted)).execute());
        assertThat(stale.getStatusCode()).isEqualTo(409);
        assertThat(stale.getDetails().get("status")).isEqualTo("ABORTED");
        assertThat(stale.getDetails().getMessage()).isEqualTo(ErrorTexts.CONCURRENT_POLICY_CHANGES);

        Policy again = fx.iam.projects().serviceAccounts().getIamPolicy(resource).execute();
        assertThat(again.getEtag()).isEqualTo(set.getEtag());
    }

    @Test
    void concurrentEditFaultMakesTheNextSetSeeAChangedEtagOnce() throws Exception {
        try (SandboxFixture f = new SandboxFixture(SandboxOptions.defaults().withFaults("iam:setIamPolicy=concurrent-edit"))) {
            ServiceAccount sa = create(f, "wifdesk-runner");
            String resource = "projects/sandbox-project/serviceAccounts/" + sa.getEmail();
            Policy read = f.iam.projects().serviceAccounts().getIamPolicy(resource).execute();
            Policy wanted = read.setBindings(List.of(new Binding().setRole("roles/iam.serviceAccountUser")
                    .setMembers(List.of("user:" + f.sandbox.operatorEmail()))));
            var e = googleError(() -> f.iam.projects().serviceAccounts()
                    .setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(wanted)).execute());
            assertThat(e.getStatusCode()).isEqualTo(409);
            assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.CONCURRENT_POLICY_CHANGES);

            // the whole read-modify-write again succeeds
            Policy fresh = f.iam.projects().serviceAccounts().getIamPolicy(resource).execute();
            assertThat(fresh.getEtag()).isNotEqualTo(read.getEtag());
            Policy ok = f.iam.projects().serviceAccounts().setIamPolicy(resource,
                    new SetIamPolicyRequest().setPolicy(fresh.setBindings(wanted.getBindings()))).execute();
            assertThat(ok.getBindings()).hasSize(1);
        }
    }

    @Test
    void invalidMembersAreRejected() throws Exception {
        ServiceAccount sa = create(fx, "wifdesk-runner");
        String resource = "projects/sandbox-project/serviceAccounts/" + sa.getEmail();
        Policy bad = new Policy().setBindings(List.of(new Binding().setRole("roles/iam.workloadIdentityUser")
                .setMembers(List.of("someone@example.com"))));
        var e = googleError(() -> fx.iam.projects().serviceAccounts()
                .setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(bad)).execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).contains("someone@example.com");
    }

    @Test
    void projectGetByIdOrNumberAlwaysNamesTheNumber() throws Exception {
        CloudResourceManager crm = fx.clients.resourceManager();
        Project byId = crm.projects().get("projects/sandbox-project").execute();
        Project byNumber = crm.projects().get("projects/428617359021").execute();
        assertThat(byId.getName()).isEqualTo("projects/428617359021");
        assertThat(byId.getProjectId()).isEqualTo("sandbox-project");
        assertThat(byNumber.getProjectId()).isEqualTo("sandbox-project");
        assertThat(byId.getState()).isEqualTo("ACTIVE");

        var e = googleError(() -> crm.projects().get("projects/not-mine").execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.CALLER_NO_PERMISSION);
    }

    @Test
    void projectPolicyReadModifyWriteWithEtags() throws Exception {
        CloudResourceManager crm = fx.clients.resourceManager();
        // the member's account must exist: IAM refuses a binding naming a missing service account
        fx.iam.projects().serviceAccounts().create("projects/sandbox-project",
                new com.google.api.services.iam.v1.model.CreateServiceAccountRequest().setAccountId("wifdesk-runner"))
                .execute();
        var read = crm.projects().getIamPolicy("projects/sandbox-project",
                new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
        assertThat(read.getBindings()).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/owner");
            assertThat(b.getMembers()).contains("user:operator@wifdesk-sandbox.example");
        });
        var bindings = new ArrayList<>(read.getBindings());
        bindings.add(new com.google.api.services.cloudresourcemanager.v3.model.Binding()
                .setRole("roles/dataflow.developer")
                .setMembers(List.of("serviceAccount:wifdesk-runner@sandbox-project.iam.gserviceaccount.com")));
        var set = crm.projects().setIamPolicy("projects/428617359021",
                new com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest()
                        .setPolicy(read.setBindings(bindings))).execute();
        assertThat(set.getEtag()).isNotEqualTo(read.getEtag());
        assertThat(set.getBindings()).extracting(com.google.api.services.cloudresourcemanager.v3.model.Binding::getRole)
                .contains("roles/dataflow.developer", "roles/owner");

        var stale = googleError(() -> crm.projects().setIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest().setPolicy(read)).execute());
        assertThat(stale.getStatusCode()).isEqualTo(409);
        assertThat(stale.getDetails().getMessage()).isEqualTo(ErrorTexts.CONCURRENT_POLICY_CHANGES);
    }

    @Test
    void serviceUsageReportsSeededServicesAndEnablesOthers() throws Exception {
        var su = fx.clients.serviceUsage();
        var iamService = su.services().get("projects/sandbox-project/services/iam.googleapis.com").execute();
        assertThat(iamService.getName()).isEqualTo("projects/428617359021/services/iam.googleapis.com");
        assertThat(iamService.getState()).isEqualTo("ENABLED");
        var compute = su.services().get("projects/sandbox-project/services/compute.googleapis.com").execute();
        assertThat(compute.getState()).isEqualTo("DISABLED");

        var op = su.services().enable("projects/sandbox-project/services/compute.googleapis.com",
                new com.google.api.services.serviceusage.v1.model.EnableServiceRequest()).execute();
        assertThat(op.getDone()).isTrue();
        assertThat(op.getName()).startsWith("operations/");
        assertThat(su.services().get("projects/428617359021/services/compute.googleapis.com").execute().getState())
                .isEqualTo("ENABLED");
        assertThat(su.operations().get(op.getName()).execute().getDone()).isTrue();
        assertThat(su.services().list("projects/sandbox-project").setFilter("state:ENABLED").execute().getServices())
                .extracting(s -> s.getConfig().getName()).contains("compute.googleapis.com", "sts.googleapis.com");
    }
}
