package dev.wifdesk.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.sandbox.VerificationFixture;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.util.List;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineStatus;
import org.gitlab4j.api.models.RepositoryFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated job, committed into an ordinary file through gitlab4j and run by the sandbox runner
 * with the CLI.md variables: ID token -> STS -> impersonation -> Dataflow to JOB_STATE_DONE.
 */
class VerificationJobRoundTripTest {
    private VerificationFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new VerificationFixture();
        fx.createServiceAccountAndGrants();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theCommittedJobLaunchesDataflowToDoneAndTheOtherJobsStillRun() throws Exception {
        commit(CiConfigFile.merge(VerificationJobYamlTest.ORDINARY, VerificationJobYaml.jobs("main", List.of())));
        Pipeline pipeline = fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main");
        Job job = fx.awaitJob(pipeline.getId());
        String trace = fx.trace(job);

        assertThat(job.getStatus()).as(trace).isEqualTo(JobStatus.SUCCESS);
        assertThat(trace).containsPattern("Created credential configuration file \\[/builds/acme/pipelines/\\.wifdesk-cred-config-\\d+\\.json\\]\\.")
                .contains("Authenticated with external account credentials for: [" + fx.serviceAccount + "].")
                .containsPattern("Dataflow job \\S+ state: JOB_STATE_DONE").doesNotContain("eyJ");
        assertThat(fx.gitlab.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, pipeline.getId()))
                .extracting(Job::getName, Job::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("build", JobStatus.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("unit-tests", JobStatus.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("wif-verify", JobStatus.SUCCESS));
        assertThat(fx.gitlab.getPipelineApi().getPipeline(GitLabSandbox.PROJECT_PATH, pipeline.getId()).getStatus())
                .isEqualTo(PipelineStatus.SUCCESS);
    }

    @Test
    void aFileNamingAnotherServiceAccountReallyFails() throws Exception {
        // the job does what its file says: a hard-coded wrong account is refused by IAM Credentials
        String wrong = VerificationJobYaml.file("main", List.of())
                .replace("--service-account=\"${WIF_SERVICE_ACCOUNT}\"", "--service-account=\"someone-else@sandbox-project.iam.gserviceaccount.com\"");
        commit(wrong);
        Job job = fx.awaitJob(fx.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main").getId());
        String trace = fx.trace(job);
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(trace).contains(dev.wifdesk.model.ErrorTexts.GET_ACCESS_TOKEN_DENIED).doesNotContain("JOB_STATE_DONE")
                .doesNotContain("Authenticated with external account credentials");
    }

    private void commit(String text) throws Exception {
        RepositoryFile file = new RepositoryFile();
        file.setFilePath(CiConfigFile.PATH);
        file.setContent(text);
        fx.gitlab.getRepositoryFileApi().updateFile(GitLabSandbox.PROJECT_PATH, file, "main", "CI file under test");
    }
}
