package dev.wifdesk.rotate;

import dev.wifdesk.plan.setup.SetupSandbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.ServiceAccountPolicyEditor;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.setup.SetupPlanner;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.Variable;

/**
 * A sandbox with the operator's real clients and a setup (per-environment accounts, a custom
 * audience) applied by the setup engine: the current pool a rotation starts from.
 */
final class RotationSandbox implements AutoCloseable {
    static final String NUMBER = "428617359021";
    static final String PROJECT = "sandbox-project";
    static final String OLD = "gitlab-ci";
    /** What {@link #pipelineResult} says when the production and the staging job both succeeded. */
    static final String TWO_JOBS_PASS = "success (2 jobs)";
    /** Mid-quarter, so the naming scheme gives {@code gitlab-ci-2026q4}. */
    static final Instant NOW = Instant.parse("2026-11-15T10:00:00Z");
    /** The setup fixture's spec, varied for this suite. */
    static final String SPEC = SetupSandbox.replaceOnce(SetupSandbox.withCommittedJob(SetupSandbox.SPEC),
            "      attribute.ref: assertion.ref\n", "");

    final Sandbox sandbox;
    final GitLabApi gitlab;
    final GoogleClients operator;
    final AuditLog audit;
    final FederationSpec spec;

    RotationSandbox(Path dir) {
        this(dir, SPEC);
    }

    RotationSandbox(Path dir, String specYaml) {
        spec = spec(specYaml);
        sandbox = Sandbox.start(SandboxOptions.defaults());
        gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
        operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                sandbox.google().operatorEmail()));
        audit = new AuditLog(dir.resolve("audit.jsonl"));
    }

    static FederationSpec spec(String yaml) {
        try {
            return new SpecParser(new SpecValidator(new CelEngine())).parse("spec.yaml", yaml);
        } catch (InvalidSpecException e) {
            throw new AssertionError(e.report(), e);
        }
    }

    static String poolName(String id) {
        return "projects/" + NUMBER + "/locations/global/workloadIdentityPools/" + id;
    }

    static String providerValue(String poolId) {
        return "//iam.googleapis.com/" + poolName(poolId) + "/providers/gitlab-sandbox";
    }

    static String member(String poolId, String rest) {
        return "principalSet://iam.googleapis.com/" + poolName(poolId) + "/" + rest;
    }

    static String account(String id) {
        return PROJECT + "/serviceAccounts/" + id + "@" + PROJECT + ".iam.gserviceaccount.com";
    }

    Rotation rotation(Instant now) {
        return new Rotation(operator, Optional.of(gitlab), Clock.fixed(now, ZoneOffset.UTC));
    }

    AuditedChanges audited() {
        return new AuditedChanges(audit, sandbox.google().operatorEmail(), Clock.systemUTC());
    }

    /** The setup of the spec, made by the setup engine. */
    void applySetup() throws Exception {
        PlanRun run = PlanExecutor.run(new SetupPlanner(operator, Optional.of(gitlab)).plan(spec).plan(),
                new ChangeContext(operator, Optional.of(gitlab), audited()));
        assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
    }

    /** Runs the plan and asserts it succeeded; returns how many mutating calls it made. */
    int run(RotationPlan plan) throws Exception {
        return run(plan.plan().plan());
    }

    int run(dev.wifdesk.plan.Plan plan) throws Exception {
        AuditedChanges audited = audited();
        PlanRun run = PlanExecutor.run(plan, new ChangeContext(operator, Optional.of(gitlab), audited));
        assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
        return audited.mutatingCalls();
    }

    WorkloadIdentityPool pool(String id) throws Exception {
        return operator.iam().projects().locations().workloadIdentityPools().get(poolName(id)).execute();
    }

    Policy policy(String accountId) throws Exception {
        return new ServiceAccountPolicyEditor(operator.iam()).read("projects/" + account(accountId));
    }

    /** Every member of the account's policy, as {@code ROLE MEMBER}. */
    List<String> members(String accountId) throws Exception {
        Policy p = policy(accountId);
        return p.getBindings() == null ? List.of() : p.getBindings().stream()
                .flatMap(b -> b.getMembers().stream().map(m -> b.getRole() + " " + m)).toList();
    }

    /** {@code KEY [SCOPE]} -> value of the project's CI/CD variables. */
    Map<String, String> variables() throws Exception {
        return gitlab.getProjectApi().getVariables(GitLabSandbox.PROJECT_PATH).stream().collect(Collectors.toMap(
                v -> v.getKey() + " [" + v.getEnvironmentScope() + "]", Variable::getValue));
    }

    long startPipeline() throws Exception {
        Pipeline p = gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main");
        return p.getId();
    }

    /**
     * Waits (bounded) for the pipeline's verification jobs (one per environment: each launches as its
     * environment's account); "success" when all succeeded, else the failed jobs' traces.
     */
    String pipelineResult(long pipelineId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            List<Job> jobs = gitlab.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, pipelineId).stream()
                    .filter(j -> j.getName().startsWith("wif-verify")).toList();
            if (!jobs.isEmpty() && jobs.stream().allMatch(j -> j.getStatus() == JobStatus.SUCCESS
                    || j.getStatus() == JobStatus.FAILED || j.getStatus() == JobStatus.SKIPPED)) {
                StringBuilder failed = new StringBuilder();
                for (Job j : jobs) {
                    if (j.getStatus() != JobStatus.SUCCESS) {
                        failed.append(j.getName()).append(' ').append(j.getStatus()).append(": ")
                                .append(gitlab.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, j.getId())).append('\n');
                    }
                }
                return failed.length() == 0 ? "success (" + jobs.size() + " jobs)" : "failed: " + failed;
            }
            assertThat(Instant.now()).as("pipeline %s still running", pipelineId).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    String pipeline() throws Exception {
        return pipelineResult(startPipeline());
    }

    @Override
    public void close() {
        gitlab.close();
        sandbox.close();
    }
}
