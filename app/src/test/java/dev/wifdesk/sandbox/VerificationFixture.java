package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.plan.demo.DemoSetup;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.time.Instant;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;

/**
 * A sandbox with WIF configured the way an operator would, with the real IAM / Resource Manager
 * clients, and the verification variables set through gitlab4j. Public: the live diagnosis tests
 * (diagnose.live, cli) run their failing pipelines on it too.
 */
public final class VerificationFixture implements AutoCloseable {
    public static final String POOL_ID = DemoSetup.POOL_ID;
    public static final String PROVIDER_ID = DemoSetup.PROVIDER_ID;
    public static final String SA_ID = DemoSetup.SA_ID;
    public static final String CONDITION = DemoSetup.CONDITION;

    public final Sandbox sandbox;
    public final GitLabApi gitlab;
    public final GoogleClients operator;
    public final String pool;
    public final String provider;
    public final String serviceAccount;
    private final DemoSetup demo;
    private final ChangeContext changes;

    public VerificationFixture() throws Exception {
        this(SandboxOptions.defaults(), java.time.Duration.ofMinutes(5));
    }

    VerificationFixture(SandboxOptions options, java.time.Duration jobTimeout) throws Exception {
        sandbox = Sandbox.start(options, jobTimeout);
        try {
            gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
            operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                    sandbox.google().operatorEmail()));
            changes = new ChangeContext(operator, java.util.Optional.of(gitlab), new AuditedChanges(
                    new dev.wifdesk.audit.AuditLog(java.nio.file.Files.createTempDirectory("wifdesk-fixture-audit")
                            .resolve("audit.jsonl")), "sandbox operator", java.time.Clock.systemUTC()));
            demo = new DemoSetup(new DemoSetup.Coordinates(sandbox.google().projectId(),
                    sandbox.google().projectNumber(), GitLabSandbox.ISSUER, GitLabSandbox.PROJECT_PATH));
            pool = demo.poolName();
            provider = demo.providerAudience();
            serviceAccount = demo.serviceAccount();
            createPoolAndProvider();
            setVariables();
        } catch (Exception | Error e) {
            sandbox.close();
            throw e;
        }
    }

    /** The pool and provider, then the CI/CD variables: {@link DemoSetup}'s steps, without the account. */
    private void createPoolAndProvider() throws Exception {
        demo.run(DemoSetup.Kind.POOL, changes);
        demo.run(DemoSetup.Kind.PROVIDER, changes);
    }

    /** The service account, its workloadIdentityUser binding for the project path, Dataflow roles. */
    public void createServiceAccountAndGrants() throws Exception {
        demo.run(DemoSetup.Kind.SERVICE_ACCOUNT, changes);
        demo.run(DemoSetup.Kind.SA_BINDING, changes);
        demo.run(DemoSetup.Kind.PROJECT_ROLES, changes);
    }

    /**
     * The CI/CD variables, and the verification job committed (through gitlab4j, as a user would) to
     * {@code main} by the demo's step and to {@code develop} for the tests of unprotected refs.
     */
    private void setVariables() throws Exception {
        demo.run(DemoSetup.Kind.CI_VARIABLES, changes);
        demo.run(DemoSetup.Kind.CI_FILE, changes);
        CiConfigFile.ensure(changes, GitLabSandbox.PROJECT_PATH, "develop", CiConfigFile.Mode.COMMIT,
                VerificationJobYaml.jobs("develop", java.util.List.of()));
    }

    /** The verification job of a pipeline (the file's other jobs run before it). */
    public Job verificationJob(long pipelineId) throws Exception {
        return gitlab.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, pipelineId).stream()
                .filter(j -> j.getName().equals(VerificationJobYaml.JOB_NAME)).findFirst().orElseThrow();
    }

    /** Polls the pipeline's verification job through gitlab4j until it finishes (bounded). */
    public Job awaitJob(long pipelineId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            Job job = verificationJob(pipelineId);
            if (job.getStatus() == JobStatus.SUCCESS || job.getStatus() == JobStatus.FAILED) {
                return job;
            }
            assertThat(Instant.now()).as("job of pipeline %s still %s", pipelineId, job.getStatus()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    public String trace(Job job) throws Exception {
        return gitlab.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, job.getId());
    }

    @Override
    public void close() {
        try {
            gitlab.close();
        } finally {
            sandbox.close();
        }
    }
}
