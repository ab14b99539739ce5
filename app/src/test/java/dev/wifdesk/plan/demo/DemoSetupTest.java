package dev.wifdesk.plan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.ServiceAccountPolicyEditor;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.StepResult;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo federation through the plan engine, the real IAM / Resource Manager clients and gitlab4j, against the sandbox. */
class DemoSetupTest {
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private GitLabApi gitlab;
    private GoogleClients operator;
    private DemoSetup demo;
    private AuditLog audit;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
        operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                sandbox.google().operatorEmail()));
        demo = new DemoSetup(new DemoSetup.Coordinates(sandbox.google().projectId(),
                sandbox.google().projectNumber(), GitLabSandbox.ISSUER, GitLabSandbox.PROJECT_PATH));
        audit = new AuditLog(dir.resolve("audit.jsonl"));
    }

    @AfterEach
    void stop() {
        gitlab.close();
        sandbox.close();
    }

    private ChangeContext context(AuditedChanges audited) {
        return new ChangeContext(operator, Optional.of(gitlab), audited);
    }

    private AuditedChanges audited() {
        return new AuditedChanges(audit, "operator@wifdesk-sandbox.example", Clock.systemUTC());
    }

    @Test
    void thePlanNamesEveryResourceAndActionBeforeAnythingIsMade() throws Exception {
        Plan plan = demo.plan(operator, gitlab);
        assertThat(plan.steps()).extracting(s -> DemoSetup.Kind.valueOf(s.id())).containsExactly(DemoSetup.Kind.values());
        // every step creates, but the seeded .gitlab-ci.yml exists already: the job is added to it
        assertThat(plan.steps()).extracting(Step::action).containsExactly(Action.CREATE, Action.CREATE, Action.CREATE,
                Action.CREATE, Action.CREATE, Action.CREATE, Action.UPDATE);
        String all = plan.steps().stream().map(s -> s.resource() + "\n" + s.description()).collect(Collectors.joining("\n"));
        assertThat(all).contains("projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-sandbox",
                "issuer: " + GitLabSandbox.ISSUER, "allowed audience: " + GitLabSandbox.ISSUER,
                "attribute.ref = assertion.ref", DemoSetup.CONDITION,
                "+ roles/iam.workloadIdentityUser principalSet://iam.googleapis.com/projects/428617359021/locations/global/"
                        + "workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines",
                "+ roles/dataflow.worker serviceAccount:gitlab-dataflow@sandbox-project.iam.gserviceaccount.com",
                "WIF_PROVIDER = //iam.googleapis.com/projects/428617359021");
        // the provider needs the pool, the binding needs the account: ordered by the plan
        assertThat(plan.steps().get(1).dependsOn()).containsExactly("POOL");
        // planning reads and makes nothing
        assertThat(operator.iam().projects().serviceAccounts().list("projects/sandbox-project").execute().getAccounts())
                .extracting(a -> a.getEmail()).doesNotContain(demo.serviceAccount());
        assertThat(audit.read()).isEmpty();
    }

    @Test
    void createsTheFederationAuditingEachCallThenASecondRunMakesNoMutatingCall() throws Exception {
        List<StepResult> heard = new ArrayList<>();
        AuditedChanges first = audited();
        PlanRun run = PlanExecutor.run(demo.plan(operator, gitlab), context(first), PlanExecutor.onEach(heard::add),
                () -> false);
        assertThat(run.results()).extracting(StepResult::outcome).containsExactly(Outcome.CREATED, Outcome.CREATED,
                Outcome.CREATED, Outcome.CREATED, Outcome.CREATED, Outcome.CREATED, Outcome.UPDATED);
        // heard as each step ended (independent steps run side by side), reported in plan order
        assertThat(heard).containsExactlyInAnyOrderElementsOf(run.results());
        // pool, provider, account, 1 account policy set (both bindings), 1 project policy set, 8 variables, 1 file commit
        assertThat(first.mutatingCalls()).isEqualTo(14);
        List<AuditEntry> entries = audit.read();
        assertThat(entries).hasSize(14).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("operator@wifdesk-sandbox.example");
            assertThat(e.result()).isEqualTo("ok");
        });
        List<String> actions = entries.stream().map(AuditEntry::action).toList();
        assertThat(actions).containsOnlyOnce("iam.workloadIdentityPools.create",
                "iam.workloadIdentityPools.providers.create", "iam.serviceAccounts.create",
                "cloudresourcemanager.projects.setIamPolicy");
        // a dependency is made before what needs it
        assertThat(actions.indexOf("iam.workloadIdentityPools.create"))
                .isLessThan(actions.indexOf("iam.workloadIdentityPools.providers.create"));
        assertThat(actions.indexOf("iam.serviceAccounts.create"))
                .isLessThan(actions.indexOf("iam.serviceAccounts.setIamPolicy"))
                .isLessThan(actions.indexOf("cloudresourcemanager.projects.setIamPolicy"))
                .isLessThan(actions.indexOf("gitlab.projects.variables.create"));
        // a variable's value is not written to the audit log
        assertThat(entries).noneSatisfy(e -> assertThat(e.detail()).contains("gs://acme-tmp"));

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
        assertThat(vars.get("GCP_PROJECT_ID").getProtected()).isFalse();
        assertThat(vars.get("WIF_ID_TOKEN_AUD").getValue()).isEqualTo(GitLabSandbox.ISSUER);
        assertThat(vars.keySet()).containsAll(demo.variables().keySet());
        assertThat(entries).extracting(AuditEntry::action).containsOnlyOnce("gitlab.repository.files.update");
        String ci = gitlab.getRepositoryFileApi().getFile(GitLabSandbox.PROJECT_PATH, ".gitlab-ci.yml", "main")
                .getDecodedContentAsString();
        assertThat(ci).contains("\nwif-verify:\n").contains("\nbuild:\n").contains("\nunit-tests:\n");

        String etag = new ServiceAccountPolicyEditor(operator.iam()).read(demo.serviceAccountResource()).getEtag();
        String projectEtag = projectPolicy.getEtag();
        Plan again = demo.plan(operator, gitlab);
        assertThat(again.steps()).extracting(Step::action).containsOnly(Action.NONE);
        assertThat(again.isEmpty()).isTrue();
        AuditedChanges second = audited();
        PlanRun rerun = PlanExecutor.run(again, context(second));
        assertThat(rerun.results()).extracting(StepResult::outcome).containsOnly(Outcome.ALREADY_EXISTS);
        assertThat(second.mutatingCalls()).isZero();
        assertThat(audit.read()).hasSize(14);
        assertThat(new ServiceAccountPolicyEditor(operator.iam()).read(demo.serviceAccountResource()).getEtag()).isEqualTo(etag);
        assertThat(operator.resourceManager().projects().getIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest()).execute().getEtag())
                .isEqualTo(projectEtag);
        assertThat(gitlab.getProjectApi().getVariables(GitLabSandbox.PROJECT_PATH)).hasSize(vars.size());
    }

    @Test
    void aVariableWithAnotherValueIsCorrected() throws Exception {
        gitlab.getProjectApi().createVariable(GitLabSandbox.PROJECT_PATH, "DATAFLOW_REGION", "us-central1", false);
        assertThat(demo.run(DemoSetup.Kind.CI_VARIABLES, context(audited()))).isEqualTo(Outcome.CREATED);
        assertThat(gitlab.getProjectApi().getVariable(GitLabSandbox.PROJECT_PATH, "DATAFLOW_REGION").getValue())
                .isEqualTo(DemoSetup.REGION);
        gitlab.getProjectApi().updateVariable(GitLabSandbox.PROJECT_PATH, "DATAFLOW_REGION", "us-central1", false);
        assertThat(demo.plan(operator, gitlab).steps().get(5).action()).isEqualTo(Action.UPDATE);
        AuditedChanges audited = audited();
        assertThat(demo.run(DemoSetup.Kind.CI_VARIABLES, context(audited))).isEqualTo(Outcome.UPDATED);
        assertThat(audited.mutatingCalls()).isEqualTo(1);
        assertThat(audit.read()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("gitlab.projects.variables.update");
            assertThat(e.detail()).isEqualTo("DATAFLOW_REGION [*]");
        });
    }

    @Test
    void aSoftDeletedPoolAndProviderAreUndeletedNotRecreated() throws Exception {
        ChangeContext c = context(audited());
        demo.run(DemoSetup.Kind.POOL, c);
        demo.run(DemoSetup.Kind.PROVIDER, c);
        var pools = operator.iam().projects().locations().workloadIdentityPools();
        String pool = "projects/" + sandbox.google().projectNumber() + "/locations/global/workloadIdentityPools/"
                + DemoSetup.POOL_ID;
        String provider = pool + "/providers/" + DemoSetup.PROVIDER_ID;
        pools.providers().delete(provider).execute();
        pools.delete(pool).execute();
        awaitState(() -> pools.get(pool).execute().getState(), "DELETED");

        assertThat(demo.plan(operator, gitlab).steps().get(0).action()).isEqualTo(Action.UNDELETE);
        assertThat(demo.run(DemoSetup.Kind.POOL, c)).isEqualTo(Outcome.UNDELETED);
        assertThat(pools.get(pool).execute().getState()).isEqualTo("ACTIVE");
        assertThat(demo.run(DemoSetup.Kind.PROVIDER, c)).isIn(Outcome.UNDELETED, Outcome.ALREADY_EXISTS);
        assertThat(pools.providers().get(provider).execute().getState()).isEqualTo("ACTIVE");
        assertThat(demo.run(DemoSetup.Kind.POOL, c)).isEqualTo(Outcome.ALREADY_EXISTS);
        assertThat(audit.read()).extracting(AuditEntry::action).contains("iam.workloadIdentityPools.undelete");
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
