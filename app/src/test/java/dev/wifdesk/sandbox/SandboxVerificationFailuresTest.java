package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.util.List;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineStatus;
import org.gitlab4j.api.models.RepositoryFile;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verification pipelines that the sandbox STS refuses: the trace carries Google's exact text. */
class SandboxVerificationFailuresTest {
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
    void wrongTokenAudienceFailsWithStsExactText() throws Exception {
        java.util.Set<java.nio.file.Path> tokenFilesBefore = tokenFiles();
        String wrong = GitLabSandbox.ISSUER + "/wrong";
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main",
                List.of(new Variable("WIF_ID_TOKEN_AUD", wrong)));
        Job job = fx.awaitJob(pipeline.getId());
        String trace = fx.trace(job);

        assertThat(job.getStatus()).as(trace).isEqualTo(JobStatus.FAILED);
        assertThat(job.getFailureReason()).isEqualTo("script_failure");
        assertThat(fx.gitlab.getPipelineApi().getPipeline(GitLabSandbox.PROJECT_PATH, pipeline.getId()).getStatus())
                .isEqualTo(PipelineStatus.FAILED);
        assertThat(trace).contains(ErrorTexts.audienceMismatch(wrong)).doesNotContain("JOB_STATE");
        assertThat(trace).doesNotContain("eyJ"); // the ID token never reaches the log
        assertThat(tokenFiles()).as("the ID token file is deleted after the job").isSubsetOf(tokenFilesBefore);
    }

    private static java.util.Set<java.nio.file.Path> tokenFiles() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("gitlab-id-token-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void unprotectedBranchIsRejectedByTheAttributeCondition() throws Exception {
        // protected variables do not reach develop: pass them as pipeline variables
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "develop",
                List.of(new Variable("WIF_PROVIDER", fx.provider), new Variable("WIF_SERVICE_ACCOUNT", fx.serviceAccount),
                new Variable("WIF_ID_TOKEN_AUD", GitLabSandbox.ISSUER)));
        Job job = fx.awaitJob(pipeline.getId());
        String trace = fx.trace(job);

        assertThat(job.getStatus()).as(trace).isEqualTo(JobStatus.FAILED);
        assertThat(trace).contains(ErrorTexts.CONDITION_REJECTED);
    }

    @Test
    void aFullProviderNameHandedToCreateCredConfigIsPrefixedTwiceAndRefused() throws Exception {
        // gcloud writes '//iam.googleapis.com/' + AUDIENCE: the job must hand it the name without the prefix
        String file = fx.gitlab.getRepositoryFileApi().getFile(GitLabSandbox.PROJECT_PATH, CiConfigFile.PATH, "main")
                .getDecodedContentAsString();
        String stripped = "\"${WIF_PROVIDER#//iam.googleapis.com/}\"";
        assertThat(file).contains(stripped);
        RepositoryFile edited = new RepositoryFile();
        edited.setFilePath(CiConfigFile.PATH);
        edited.setContent(file.replace(stripped, "\"${WIF_PROVIDER}\""));
        fx.gitlab.getRepositoryFileApi().updateFile(GitLabSandbox.PROJECT_PATH, edited, "main", "Pass the full name");

        String trace = fx.trace(fx.awaitJob(fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main")
                .getId()));
        // gcloud prints no audience; the one edit from the job that passes is the prefix, and STS refuses
        assertThat(trace).contains("Created credential configuration file [").contains(ErrorTexts.INVALID_AUDIENCE_PARAMETER)
                .doesNotContain("Job succeeded");
    }

    @Test
    void providerNameWithProjectIdIsAnInvalidTarget() throws Exception {
        String byId = fx.provider.replace(fx.sandbox.google().projectNumber(), fx.sandbox.google().projectId());
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main",
                List.of(new Variable("WIF_PROVIDER", byId)));
        String trace = fx.trace(fx.awaitJob(pipeline.getId()));

        assertThat(trace).contains(ErrorTexts.INVALID_TARGET);
    }
}
