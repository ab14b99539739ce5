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
    void withoutTheWorkloadIdentityUserBindingImpersonationIsDenied() throws Exception {
        // the service account does not exist: IAM Credentials answers the exact 403 text
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main");
        String trace = fx.trace(fx.awaitJob(pipeline.getId()));

        assertThat(trace).contains(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
    }
}
