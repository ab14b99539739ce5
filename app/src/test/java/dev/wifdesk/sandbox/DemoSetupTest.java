package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.ServiceAccountPolicyEditor;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo federation through the real IAM / Resource Manager clients and gitlab4j, against the sandbox. */
class DemoSetupTest {
    private Sandbox sandbox;
    private GitLabApi gitlab;
    private GoogleClients operator;
    private DemoSetup demo;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
        operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                sandbox.google().operatorEmail()));
        demo = new DemoSetup(operator, gitlab, new DemoSetup.Coordinates(sandbox.google().projectId(),
                sandbox.google().projectNumber(), GitLabSandbox.ISSUER, GitLabSandbox.PROJECT_PATH));
    }

    @AfterEach
    void stop() {
        gitlab.close();
        sandbox.close();
    }

    @Test
    void thePlanNamesEveryResourceBeforeAnythingIsMade() throws Exception {
        List<DemoSetup.Step> plan = demo.plan();
        assertThat(plan).extracting(DemoSetup.Step::kind).containsExactly(DemoSetup.Kind.values());
        String all = plan.stream().map(s -> s.resource() + "\n" + s.description()).collect(Collectors.joining("\n"));
        assertThat(all).contains("projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-sandbox",
                "issuer: " + GitLabSandbox.ISSUER, "allowed audience: " + GitLabSandbox.ISSUER,
                "attribute.ref = assertion.ref", DemoSetup.CONDITION,
                "+ roles/iam.workloadIdentityUser principalSet://iam.googleapis.com/projects/428617359021/locations/global/"
                        + "workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines",
                "+ roles/dataflow.worker serviceAccount:gitlab-dataflow@sandbox-project.iam.gserviceaccount.com",
                "WIF_PROVIDER = //iam.googleapis.com/projects/428617359021");
        // planning reads nothing and makes nothing
        assertThat(operator.iam().projects().serviceAccounts().list("projects/sandbox-project").execute().getAccounts())
                .extracting(a -> a.getEmail()).doesNotContain(demo.serviceAccount());
    }

    @Test
    void createsTheFederationThenASecondRunChangesNothing() throws Exception {
        List<DemoSetup.StepResult> heard = new ArrayList<>();
        List<DemoSetup.StepResult> first = demo.apply(heard::add);
        assertThat(first).extracting(DemoSetup.StepResult::outcome).containsOnly(DemoSetup.Outcome.CREATED);
        assertThat(heard).isEqualTo(first);

        WorkloadIdentityPoolProvider p = operator.iam().projects().locations().workloadIdentityPools().providers()
                .get(demo.providerName()).execute();
        assertThat(p.getOidc().getIssuerUri()).isEqualTo(GitLabSandbox.ISSUER);
        assertThat(p.getOidc().getAllowedAudiences()).containsExactly(GitLabSandbox.ISSUER);
        assertThat(p.getAttributeMapping()).containsAllEntriesOf(DemoSetup.MAPPING);
        assertThat(p.getAttributeCondition()).isEqualTo(DemoSetup.CONDITION);
        List<Binding> saBindings = new ServiceAccountPolicyEditor(operator.iam()).read(demo.serviceAccountResource()).getBindings();
        assertThat(saBindings).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/iam.workloadIdentityUser");
            assertThat(b.getMembers()).containsExactly(demo.projectPathMember());
        });
        var projectPolicy = operator.resourceManager().projects().getIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest()).execute();
        assertThat(projectPolicy.getBindings()).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/dataflow.developer");
            assertThat(b.getMembers()).contains("serviceAccount:" + demo.serviceAccount());
        });
        Map<String, Variable> vars = gitlab.getProjectApi().getVariables(GitLabSandbox.PROJECT_PATH).stream()
                .collect(Collectors.toMap(Variable::getKey, v -> v));
        assertThat(vars.get("WIF_PROVIDER").getValue()).isEqualTo(demo.providerAudience());
        assertThat(vars.get("WIF_PROVIDER").getProtected()).isTrue();
        assertThat(vars.get("DATAFLOW_PROJECT").getProtected()).isFalse();
        assertThat(vars.keySet()).containsAll(demo.variables().keySet());

        String etag = new ServiceAccountPolicyEditor(operator.iam()).read(demo.serviceAccountResource()).getEtag();
        String projectEtag = projectPolicy.getEtag();
        List<DemoSetup.StepResult> second = demo.apply(r -> { });
        assertThat(second).extracting(DemoSetup.StepResult::outcome).containsOnly(DemoSetup.Outcome.ALREADY_EXISTS);
        assertThat(new ServiceAccountPolicyEditor(operator.iam()).read(demo.serviceAccountResource()).getEtag()).isEqualTo(etag);
        assertThat(operator.resourceManager().projects().getIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest()).execute().getEtag())
                .isEqualTo(projectEtag);
        assertThat(gitlab.getProjectApi().getVariables(GitLabSandbox.PROJECT_PATH)).hasSize(vars.size());
    }

    @Test
    void aVariableWithAnotherValueIsCorrected() throws Exception {
        gitlab.getProjectApi().createVariable(GitLabSandbox.PROJECT_PATH, "DATAFLOW_REGION", "us-central1", false);
        assertThat(demo.run(DemoSetup.Kind.CI_VARIABLES)).isEqualTo(DemoSetup.Outcome.CREATED);
        assertThat(gitlab.getProjectApi().getVariable(GitLabSandbox.PROJECT_PATH, "DATAFLOW_REGION").getValue())
                .isEqualTo(DemoSetup.REGION);
        gitlab.getProjectApi().updateVariable(GitLabSandbox.PROJECT_PATH, "DATAFLOW_REGION", "us-central1", false);
        assertThat(demo.run(DemoSetup.Kind.CI_VARIABLES)).isEqualTo(DemoSetup.Outcome.UPDATED);
    }

    @Test
    void aSoftDeletedPoolAndProviderAreUndeletedNotRecreated() throws Exception {
        demo.run(DemoSetup.Kind.POOL);
        demo.run(DemoSetup.Kind.PROVIDER);
        var pools = operator.iam().projects().locations().workloadIdentityPools();
        String pool = "projects/" + sandbox.google().projectNumber() + "/locations/global/workloadIdentityPools/"
                + DemoSetup.POOL_ID;
        String provider = pool + "/providers/" + DemoSetup.PROVIDER_ID;
        pools.providers().delete(provider).execute();
        pools.delete(pool).execute();
        awaitState(() -> pools.get(pool).execute().getState(), "DELETED");

        assertThat(demo.run(DemoSetup.Kind.POOL)).isEqualTo(DemoSetup.Outcome.UNDELETED);
        assertThat(pools.get(pool).execute().getState()).isEqualTo("ACTIVE");
        assertThat(demo.run(DemoSetup.Kind.PROVIDER)).isIn(DemoSetup.Outcome.UNDELETED, DemoSetup.Outcome.ALREADY_EXISTS);
        assertThat(pools.providers().get(provider).execute().getState()).isEqualTo("ACTIVE");
        assertThat(demo.run(DemoSetup.Kind.POOL)).isEqualTo(DemoSetup.Outcome.ALREADY_EXISTS);
    }

    private interface StateRead {
        String get() throws Exception;
    }

    private static void awaitState(StateRead read, String state) throws Exception {
        for (int i = 0; i < 200 && !state.equals(read.get()); i++) {
            Thread.sleep(10);
        }
        assertThat(read.get()).isEqualTo(state);
    }
}
