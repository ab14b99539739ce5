package dev.wifdesk.plan.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.Binding;
import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.cloudresourcemanager.v3.model.Policy;
import com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.cloud.Operations;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.StepResult;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Google calls of a fresh apply, counted by the sandbox: each resource the plan saw absent is
 * created at once (no second look), each missing binding costs one get and one set (the project
 * policy's get is the plan's). And what those shortcuts must still get right: a pool, provider or
 * account that appeared (or was soft-deleted) between plan and apply is taken as it is, never made
 * twice; a project policy changed between them is re-read, and the other binding kept.
 */
class SetupCallCountTest {
    private static final String IAM = "iam.googleapis.com/v1/projects/*";
    private static final String POOL = IAM + "/locations/*/workloadIdentityPools";
    private static final String ACCOUNTS = IAM + "/serviceAccounts";
    private static final String CRM = "cloudresourcemanager.googleapis.com/v3/projects/*";
    private static final String POOL_NAME = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci";

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

    @Test
    void aFreshApplyReadsEachResourceOnceAndWritesEachOnce() throws Exception {
        SortedMap<String, Long> before = at.sandbox.google().requestCounts();
        assertThat(at.apply(spec, at.audited()).succeeded()).isTrue();
        Map<String, Long> calls = minus(at.sandbox.google().requestCounts(), before);

        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("GET " + CRM, 1L), // the project number
                Map.entry("GET serviceusage.googleapis.com/v1/projects/*/services:batchGet", 1L),
                Map.entry("GET " + POOL + "/*", 1L), // the plan's look only
                Map.entry("POST " + POOL, 1L),
                Map.entry("GET " + POOL + "/*/providers/*", 1L),
                Map.entry("POST " + POOL + "/*/providers", 1L),
                Map.entry("GET " + ACCOUNTS + "/*", 3L),
                Map.entry("POST " + ACCOUNTS, 3L),
                Map.entry("POST " + ACCOUNTS + "/*:getIamPolicy", 3L), // the etag of each new account's policy
                Map.entry("POST " + ACCOUNTS + "/*:setIamPolicy", 3L),
                // the plan's only: its etag guards the write (a policy changed since: 409, re-read; see below)
                Map.entry("POST " + CRM + ":getIamPolicy", 1L),
                Map.entry("POST " + CRM + ":setIamPolicy", 1L)));
        Map<String, Long> seen = new TreeMap<>(calls);
        seen.keySet().retainAll(expected.keySet());
        assertThat(seen).as("all calls: %s", calls).isEqualTo(expected);
    }

    @Test
    void aPoolMadeBetweenPlanAndApplyIsTakenAndBroughtToTheSpec() throws Exception {
        SetupPlan plan = at.planner().plan(spec);
        var pools = at.operator.iam().projects().locations().workloadIdentityPools();
        new Operations(at.operator.iam()).await(pools.create("projects/sandbox-project/locations/global",
                new WorkloadIdentityPool().setDisplayName("someone else's")).setWorkloadIdentityPoolId("gitlab-ci").execute());

        PlanRun run = run(plan);
        assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
        assertThat(result(run, "pool").outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(pools.get(POOL_NAME).execute().getDisplayName()).isEqualTo("GitLab CI");
        assertThat(pools.list("projects/sandbox-project/locations/global").execute().getWorkloadIdentityPools()).hasSize(1);
        assertThat(at.audit.read()).extracting(AuditEntry::action, e -> e.result().startsWith("failed"))
                .contains(org.assertj.core.groups.Tuple.tuple("iam.workloadIdentityPools.create", true),
                        org.assertj.core.groups.Tuple.tuple("iam.workloadIdentityPools.patch", false));
    }

    @Test
    void aPoolSoftDeletedBetweenPlanAndApplyIsUndeleted() throws Exception {
        SetupPlan plan = at.planner().plan(spec);
        assertThat(plan.plan().steps()).filteredOn(s -> s.id().equals("pool")).extracting(s -> s.action())
                .containsExactly(Action.CREATE);
        var pools = at.operator.iam().projects().locations().workloadIdentityPools();
        Operations wait = new Operations(at.operator.iam());
        wait.await(pools.create("projects/sandbox-project/locations/global", new WorkloadIdentityPool())
                .setWorkloadIdentityPoolId("gitlab-ci").execute());
        wait.await(pools.delete(POOL_NAME).execute());

        PlanRun run = run(plan);
        assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
        assertThat(result(run, "pool").outcome()).isEqualTo(Outcome.UNDELETED);
        assertThat(pools.get(POOL_NAME).execute().getState()).isEqualTo("ACTIVE");
        assertThat(at.audit.read()).extracting(AuditEntry::action).contains("iam.workloadIdentityPools.undelete");
    }

    @Test
    void anAccountMadeBetweenPlanAndApplyIsTakenNotMadeTwice() throws Exception {
        SetupPlan plan = at.planner().plan(spec);
        at.operator.iam().projects().serviceAccounts().create("projects/sandbox-project",
                new com.google.api.services.iam.v1.model.CreateServiceAccountRequest().setAccountId("gitlab-dataflow")
                        .setServiceAccount(new ServiceAccount().setDisplayName("made by hand"))).execute();

        PlanRun run = run(plan);
        assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
        assertThat(result(run, "service-account:gitlab-dataflow").outcome()).isEqualTo(Outcome.ALREADY_EXISTS);
        assertThat(at.operator.iam().projects().serviceAccounts().list("projects/sandbox-project").execute().getAccounts())
                .extracting(ServiceAccount::getEmail).filteredOn(e -> e.startsWith("gitlab-dataflow@")).hasSize(1);
        // its policy step still ran against it
        assertThat(at.planner().plan(spec).changes()).isZero();
    }

    @Test
    void aProjectPolicyChangedBetweenPlanAndApplyIsReReadAndKeepsTheOtherBinding() throws Exception {
        SetupPlan plan = at.planner().plan(spec);
        var projects = at.operator.resourceManager().projects();
        var read = new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3));
        Policy policy = projects.getIamPolicy("projects/sandbox-project", read).execute();
        List<Binding> bindings = new ArrayList<>(policy.getBindings() == null ? List.of() : policy.getBindings());
        bindings.add(new Binding().setRole("roles/viewer").setMembers(List.of("user:someone@example.com")));
        projects.setIamPolicy("projects/sandbox-project", new SetIamPolicyRequest().setPolicy(policy.setBindings(bindings)))
                .execute();
        SortedMap<String, Long> before = at.sandbox.google().requestCounts();

        PlanRun run = run(plan);
        assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
        Map<String, Long> calls = minus(at.sandbox.google().requestCounts(), before);
        // the plan's etag is stale: the first write is refused, then one re-read and one write
        assertThat(calls).containsEntry("POST " + CRM + ":getIamPolicy", 1L).containsEntry("POST " + CRM + ":setIamPolicy", 2L);
        Policy after = projects.getIamPolicy("projects/sandbox-project", read).execute();
        assertThat(after.getBindings()).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/viewer");
            assertThat(b.getMembers()).contains("user:someone@example.com");
        });
        assertThat(after.getBindings()).filteredOn(b -> b.getRole().equals("roles/dataflow.worker"))
                .flatExtracting(Binding::getMembers).contains("serviceAccount:gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");
    }

    private PlanRun run(SetupPlan plan) throws InterruptedException {
        return PlanExecutor.run(plan.plan(), new ChangeContext(at.operator, Optional.of(at.gitlab), at.audited()));
    }

    private static StepResult result(PlanRun run, String id) {
        return run.results().stream().filter(r -> r.step().id().equals(id)).findFirst().orElseThrow();
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            if (v - before.getOrDefault(k, 0L) > 0) {
                out.put(k, v - before.getOrDefault(k, 0L));
            }
        });
        return out;
    }
}
