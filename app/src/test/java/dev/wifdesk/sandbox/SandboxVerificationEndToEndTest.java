package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole verification: ID token -> STS -> impersonation -> Dataflow template to JOB_STATE_DONE. */
class SandboxVerificationEndToEndTest {
    private VerificationFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new VerificationFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void pipelineOnProtectedBranchLaunchesDataflowToDone() throws Exception {
        fx.createServiceAccountAndGrants();
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main");
        Job job = fx.awaitJob(pipeline.getId());
        String trace = fx.trace(job);

        assertThat(job.getStatus()).as(trace).isEqualTo(JobStatus.SUCCESS);
        assertThat(fx.gitlab.getPipelineApi().getPipeline(GitLabSandbox.PROJECT_PATH, pipeline.getId()).getStatus())
                .isEqualTo(PipelineStatus.SUCCESS);
        assertThat(trace).containsPattern("Dataflow job \\S+ state: JOB_STATE_DONE").contains("Job succeeded");
        assertThat(trace).doesNotContain("eyJ");
    }

    @Test
    void aDataflowJobOutlivingTheCiJobTimeoutFailsTheJob() throws Exception {
        // Dataflow needs two LRO steps (2 x 4 s) to finish; the CI job may run 6 s. The ID token lives as
        // long as the job, so the margin also keeps a slow machine from failing the exchange instead
        fx.close();
        fx = new VerificationFixture(SandboxOptions.defaults().withLroDelayMs(4000), java.time.Duration.ofSeconds(6));
        fx.createServiceAccountAndGrants();
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main");
        Job job = fx.awaitJob(pipeline.getId());
        String trace = fx.trace(job);

        assertThat(job.getStatus()).as(trace).isEqualTo(JobStatus.FAILED);
        assertThat(job.getFailureReason()).isEqualTo("job_execution_timeout");
        assertThat(trace).contains("Job failed: execution took longer than 6s seconds").doesNotContain("JOB_STATE_DONE");
    }

    @Test
    void cancelingThePipelineStopsTheRunnerFollowingDataflow() throws Exception {
        fx.close();
        fx = new VerificationFixture(SandboxOptions.defaults().withLroDelayMs(2000), java.time.Duration.ofMinutes(5));
        fx.createServiceAccountAndGrants();
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main");
        long jobId = fx.verificationJob(pipeline.getId()).getId();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (!fx.gitlab.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, jobId).contains("created, state")) {
            assertThat(java.time.Instant.now()).as("Dataflow launch").isBefore(deadline);
            Thread.sleep(50);
        }

        Pipeline canceled = fx.gitlab.getPipelineApi().cancelPipelineJobs(GitLabSandbox.PROJECT_PATH, pipeline.getId());
        assertThat(canceled.getStatus()).isEqualTo(PipelineStatus.CANCELED);
        while (!fx.trace(fx.gitlab.getJobApi().getJob(GitLabSandbox.PROJECT_PATH, jobId)).contains("Job failed: canceled")) {
            assertThat(java.time.Instant.now()).as("runner notices the cancel").isBefore(deadline);
            Thread.sleep(50);
        }
        Job job = fx.gitlab.getJobApi().getJob(GitLabSandbox.PROJECT_PATH, jobId);
        assertThat(job.getStatus()).isEqualTo(JobStatus.CANCELED);
        assertThat(fx.trace(job)).doesNotContain("JOB_STATE_DONE").doesNotContain("Job succeeded");
    }

    @Test
    void withoutTheWorkloadIdentityUserBindingImpersonationIsDenied() throws Exception {
        // the service account does not exist: IAM Credentials answers the exact 403 text
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main");
        String trace = fx.trace(fx.awaitJob(pipeline.getId()));

        assertThat(trace).contains(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
    }
}
