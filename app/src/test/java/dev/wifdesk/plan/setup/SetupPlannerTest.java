package dev.wifdesk.plan.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup planner and executor through the real clients against the sandbox. */
class SetupPlannerTest {
    @TempDir
    Path dir;
    private SetupSandbox at;
    private final FederationSpec spec = SetupSandbox.spec(SetupSandbox.SPEC);

    @BeforeEach
    void start() {
        at = new SetupSandbox(dir, SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        at.close();
    }

    private static Map<String, Step> byId(SetupPlan plan) {
        return plan.plan().steps().stream().collect(Collectors.toMap(Step::id, s -> s));
    }

    @Test
    void aFreshProjectPlansEveryResourceWithItsValuesAndNothingIsMadeByPlanning() throws Exception {
        SetupPlan plan = at.planner().plan(spec);
        Map<String, Step> steps = byId(plan);
        assertThat(plan.plan().steps()).extracting(Step::id).containsExactly("services", "pool", "provider",
                "service-account:gitlab-dataflow", "service-account-iam:gitlab-dataflow",
                "service-account:gitlab-dataflow-prod", "service-account-iam:gitlab-dataflow-prod",
                "service-account:gitlab-dataflow-stg", "service-account-iam:gitlab-dataflow-stg",
                "project-roles", "gitlab-variables", "gitlab-ci-file");
        assertThat(steps.get("services").action()).isEqualTo(Action.NONE); // the sandbox starts with all four on
        assertThat(steps.get("pool").action()).isEqualTo(Action.CREATE);
        assertThat(steps.get("provider").diff()).contains(
                FieldDiff.added("attributeCondition", "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\""),
                FieldDiff.added("oidc.issuerUri", dev.wifdesk.sandbox.gitlab.GitLabSandbox.ISSUER));
        assertThat(steps.get("provider").gcloud()).startsWith("gcloud iam workload-identity-pools providers create-oidc "
                + "gitlab-sandbox --project=sandbox-project --location=global --workload-identity-pool=gitlab-ci")
                .contains("--attribute-condition='assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"'");
        String pool = "principalSet://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/";
        assertThat(steps.get("service-account-iam:gitlab-dataflow-prod").diff()).containsExactly(
                FieldDiff.added(SetupValues.WORKLOAD_IDENTITY_USER,
                        pool + "attribute.protected_project_environment/acme/pipelines:production"),
                FieldDiff.added(SetupValues.SERVICE_ACCOUNT_USER,
                        "serviceAccount:gitlab-dataflow-prod@sandbox-project.iam.gserviceaccount.com"));
        // names known before the resources exist are computed: the bindings wait for their account only
        assertThat(steps.get("service-account-iam:gitlab-dataflow").dependsOn()).containsExactly("service-account:gitlab-dataflow");
        assertThat(steps.get("gitlab-variables").dependsOn()).isEmpty();
        assertThat(steps.get("project-roles").diff()).hasSize(6);
        assertThat(steps.get("gitlab-ci-file").diff()).extracting(FieldDiff::after)
                .contains("job wif-verify-production: added", "job wif-verify-staging: added");
        assertThat(plan.changes()).isEqualTo(11);
        // planning made nothing
        assertThat(at.planner().plan(spec).changes()).isEqualTo(11);
        assertThat(at.audit.read()).isEmpty();
    }

    @Test
    void applyMakesTheSetupAndASecondApplyPlansNothingAndMakesNoMutatingCall() throws Exception {
        AuditedChanges first = at.audited();
        PlanRun run = at.apply(spec, first);
        assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
        // pool, provider, 3 accounts, 3 account policies (one write each), 1 project policy, 1 call per variable,
        // and the merge request: a branch, a commit on it, the MR
        assertThat(first.mutatingCalls()).isEqualTo(9 + variableCount() + 3);
        assertThat(at.gitlab.getMergeRequestApi().getMergeRequests("acme/pipelines",
                org.gitlab4j.api.Constants.MergeRequestState.OPENED)).singleElement()
                .satisfies(mr -> assertThat(mr.getSourceBranch()).isEqualTo(dev.wifdesk.plan.CiConfigFile.BRANCH));

        var iam = at.operator.iam();
        WorkloadIdentityPoolProvider provider = iam.projects().locations().workloadIdentityPools().providers()
                .get("projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-sandbox")
                .execute();
        assertThat(provider.getAttributeMapping()).containsEntry("attribute.protected_project_environment",
                "assertion.environment_protected == \"true\" ? assertion.project_path + \":\" + assertion.environment : \"\"");
        List<Variable> vars = at.gitlab.getProjectApi().getVariables("acme/pipelines");
        assertThat(vars).filteredOn(v -> v.getKey().equals(CiContract.SERVICE_ACCOUNT))
                .extracting(v -> v.getEnvironmentScope() + "=" + v.getValue())
                .containsExactlyInAnyOrder("*=gitlab-dataflow@sandbox-project.iam.gserviceaccount.com",
                        "production=gitlab-dataflow-prod@sandbox-project.iam.gserviceaccount.com",
                        "staging=gitlab-dataflow-stg@sandbox-project.iam.gserviceaccount.com");

        SetupPlan again = at.planner().plan(spec);
        assertThat(again.changes()).isZero();
        assertThat(again.plan().steps()).allMatch(s -> s.action() == Action.NONE && s.diff().isEmpty());
        AuditedChanges second = at.audited();
        assertThat(at.apply(spec, second).succeeded()).isTrue();
        assertThat(second.mutatingCalls()).isZero();
    }

    @Test
    void aPlanFromReadsStartedEarlierUsesWhatTheyReadWithoutReadingAgain() throws Exception {
        ProjectFacts project = ProjectFacts.read(at.operator, "sandbox-project");
        PlanReads reads = PlanReads.start(at.operator, Optional.of(at.gitlab), spec, Optional.empty());
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        reads.whenDone(done::countDown);
        assertThat(done.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("reads ended").isTrue();
        // the pool appears after the reads: the plan is the one of the state as read
        new dev.wifdesk.cloud.Operations(at.operator.iam()).await(at.operator.iam().projects().locations()
                .workloadIdentityPools().create("projects/sandbox-project/locations/global",
                        new WorkloadIdentityPool().setDisplayName("made meanwhile")).setWorkloadIdentityPoolId("gitlab-ci")
                .execute());
        java.util.SortedMap<String, Long> before = at.sandbox.google().requestCounts();

        SetupPlan plan = at.planner().plan(reads);

        assertThat(byId(plan).get("pool").action()).isEqualTo(Action.CREATE);
        assertThat(plan.project()).isEqualTo(project);
        assertThat(at.sandbox.google().requestCounts()).as("no Google read more").isEqualTo(before);
        assertThat(plan.plan().steps()).extracting(Step::id).contains("gitlab-variables", "gitlab-ci-file");
    }

    @Test
    void readsThatStartWithTheProjectReadItOnceAndPlanAsAfterReadingItFirst() throws Exception {
        java.util.SortedMap<String, Long> before = at.sandbox.google().requestCounts();
        SetupPlan plan = at.planner().plan(PlanReads.start(at.operator, Optional.of(at.gitlab), spec, Optional.empty()));
        java.util.SortedMap<String, Long> after = at.sandbox.google().requestCounts();

        assertThat(plan.project()).isEqualTo(ProjectFacts.read(at.operator, "sandbox-project"));
        assertThat(plan.plan().steps()).extracting(Step::id, Step::action).isEqualTo(
                at.planner().plan(spec).plan().steps().stream().map(st -> org.assertj.core.groups.Tuple.tuple(st.id(), st.action())).toList());
        assertThat(after.get("GET cloudresourcemanager.googleapis.com/v3/projects/*") - before.getOrDefault(
                "GET cloudresourcemanager.googleapis.com/v3/projects/*", 0L)).isEqualTo(1);
        assertThat(after.get("GET serviceusage.googleapis.com/v1/projects/*/services:batchGet") - before.getOrDefault(
                "GET serviceusage.googleapis.com/v1/projects/*/services:batchGet", 0L)).isEqualTo(1);
    }

    @Test
    void aProjectGoogleRefusesFailsTheReadsWithGooglesError() {
        FederationSpec other = SetupSandbox.spec(SetupSandbox.SPEC.replace("project: sandbox-project", "project: no-such-project"));
        PlanReads reads = PlanReads.start(at.operator, Optional.of(at.gitlab), other, Optional.empty());
        assertThatThrownBy(reads::project).hasMessageContaining("403").hasMessageContaining("The caller does not have permission");
        assertThatThrownBy(() -> at.planner().plan(reads)).hasMessageContaining("The caller does not have permission");
    }

    @Test
    void readsStartedWithTheLintBringItsFindingsAsThePlannersOwnLintFindsThem() throws Exception {
        FederationSpec broad = SetupSandbox.spec(SetupSandbox.SPEC.replace(
                "projectRoles: [roles/dataflow.developer, roles/dataflow.worker]", "projectRoles: [roles/owner]"));
        var lint = new dev.wifdesk.plan.lint.SetupLint(new dev.wifdesk.cel.CelEngine());
        SetupPlan early = at.planner().plan(PlanReads.start(at.operator, Optional.of(at.gitlab), broad, Optional.of(lint)));
        List<dev.wifdesk.model.Finding> own = at.planner().plan(broad).findings();
        assertThat(own).as("the spec has something to find").isNotEmpty();
        assertThat(early.findings()).isEqualTo(own);
    }

    private int variableCount() {
        return new SetupValues(spec, "428617359021").gitlabVariables().size();
    }

    @Test
    void aSoftDeletedPoolIsUndeletedThenBroughtToTheSpec() throws Exception {
        var pools = at.operator.iam().projects().locations().workloadIdentityPools();
        String name = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci";
        new dev.wifdesk.cloud.Operations(at.operator.iam()).await(pools.create("projects/sandbox-project/locations/global",
                new WorkloadIdentityPool().setDisplayName("old name")).setWorkloadIdentityPoolId("gitlab-ci").execute());
        new dev.wifdesk.cloud.Operations(at.operator.iam()).await(pools.delete(name).execute());

        Step step = byId(at.planner().plan(spec)).get("pool");
        assertThat(step.action()).isEqualTo(Action.UNDELETE);
        assertThat(step.diff()).contains(new FieldDiff("state", "DELETED", "ACTIVE"),
                new FieldDiff("displayName", "old name", "GitLab CI"));
        assertThat(step.gcloud()).contains("gcloud iam workload-identity-pools undelete gitlab-ci");

        assertThat(at.apply(spec, at.audited()).succeeded()).isTrue();
        WorkloadIdentityPool now = pools.get(name).execute();
        assertThat(now.getState()).isEqualTo("ACTIVE");
        assertThat(now.getDisplayName()).isEqualTo("GitLab CI");
        assertThat(at.audit.read()).extracting(e -> e.action()).contains("iam.workloadIdentityPools.undelete",
                "iam.workloadIdentityPools.patch").doesNotContain("iam.workloadIdentityPools.create");
    }

    @Test
    void aProviderThatDriftedIsPatchedOnlyInTheFieldsThatDiffer() throws Exception {
        at.apply(spec, at.audited());
        String name = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-sandbox";
        var providers = at.operator.iam().projects().locations().workloadIdentityPools().providers();
        new dev.wifdesk.cloud.Operations(at.operator.iam()).await(providers.patch(name,
                new WorkloadIdentityPoolProvider().setAttributeCondition("assertion.ref == \"main\"")).setUpdateMask("attribute_condition").execute());

        Step step = byId(at.planner().plan(spec)).get("provider");
        assertThat(step.action()).isEqualTo(Action.UPDATE);
        assertThat(step.diff()).containsExactly(new FieldDiff("attributeCondition", "assertion.ref == \"main\"",
                "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\""));
        AuditedChanges audited = at.audited();
        at.apply(spec, audited);
        assertThat(audited.mutatingCalls()).isEqualTo(1);
        assertThat(providers.get(name).execute().getAttributeCondition()).startsWith("assertion.namespace_path");
    }

    @Test
    void anotherPartysBindingOnTheAccountIsKept() throws Exception {
        at.apply(spec, at.audited());
        String sa = "projects/sandbox-project/serviceAccounts/gitlab-dataflow@sandbox-project.iam.gserviceaccount.com";
        var accounts = at.operator.iam().projects().serviceAccounts();
        Policy policy = accounts.getIamPolicy(sa).execute();
        List<Binding> bindings = new ArrayList<>(policy.getBindings());
        bindings.removeIf(b -> b.getRole().equals(SetupValues.SERVICE_ACCOUNT_USER));
        bindings.add(new Binding().setRole("roles/iam.serviceAccountTokenCreator")
                .setMembers(List.of("user:alice@example.com")));
        accounts.setIamPolicy(sa, new SetIamPolicyRequest().setPolicy(policy.setBindings(bindings))).execute();

        Step step = byId(at.planner().plan(spec)).get("service-account-iam:gitlab-dataflow");
        assertThat(step.action()).isEqualTo(Action.UPDATE);
        at.apply(spec, at.audited());
        List<Binding> after = accounts.getIamPolicy(sa).execute().getBindings();
        assertThat(after).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/iam.serviceAccountTokenCreator");
            assertThat(b.getMembers()).containsExactly("user:alice@example.com");
        });
        assertThat(after).anyMatch(b -> b.getRole().equals(SetupValues.SERVICE_ACCOUNT_USER));
    }

    @Test
    void aDisabledApiIsEnabledFirst() throws Exception {
        var su = at.operator.serviceUsage();
        new dev.wifdesk.cloud.Operations(at.operator.iam()).await(su, su.services().disable(
                "projects/428617359021/services/sts.googleapis.com",
                new com.google.api.services.serviceusage.v1.model.DisableServiceRequest()).execute(), "disable");
        Step step = byId(at.planner().plan(spec)).get("services");
        assertThat(step.action()).isEqualTo(Action.UPDATE);
        assertThat(step.diff()).containsExactly(new FieldDiff("sts.googleapis.com", "DISABLED", "ENABLED"));
        assertThat(step.gcloud()).isEqualTo("gcloud services enable sts.googleapis.com --project=sandbox-project");
        assertThat(at.apply(spec, at.audited()).succeeded()).isTrue();
        assertThat(ProjectFacts.read(at.operator, "sandbox-project").missingServices()).isEmpty();
    }

    @Test
    void aReusedAccountThatDoesNotExistIsRefusedNamingTheField() {
        FederationSpec reuse = SetupSandbox.spec(SetupSandbox.SPEC.replace("{ id: gitlab-dataflow-stg, create: true }",
                "{ id: gitlab-dataflow-stg, create: false }"));
        assertThatThrownBy(() -> at.planner().plan(reuse)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("environments[1].serviceAccount.create")
                .hasMessageContaining("gitlab-dataflow-stg@sandbox-project.iam.gserviceaccount.com does not exist");
    }
}
