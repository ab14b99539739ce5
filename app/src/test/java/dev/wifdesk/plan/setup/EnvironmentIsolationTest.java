package dev.wifdesk.plan.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.RepositoryFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-environment access proven by real sandbox pipelines after an apply: each environment's job
 * launches Dataflow as its own account, and a job of one environment cannot impersonate another
 * environment's account, whatever its file says.
 */
class EnvironmentIsolationTest {
    private static final String PROD_SA = "gitlab-dataflow-prod@sandbox-project.iam.gserviceaccount.com";
    @TempDir
    Path dir;
    private SetupSandbox at;

    @BeforeEach
    void applyTheSetup() throws Exception {
        at = new SetupSandbox(dir, SandboxOptions.defaults());
        FederationSpec spec = SetupSandbox.spec(SetupSandbox.SPEC.replace("  ref: main\n", "  ref: main\n  verificationJob: commit\n"));
        assertThat(at.apply(spec, at.audited()).succeeded()).isTrue();
    }

    @AfterEach
    void stop() {
        at.close();
    }

    @Test
    void eachEnvironmentsJobLaunchesAsItsOwnAccount() throws Exception {
        Map<String, Job> jobs = run();
        Job prod = jobs.get("wif-verify-production");
        Job stg = jobs.get("wif-verify-staging");
        assertThat(prod.getStatus()).as(trace(prod)).isEqualTo(JobStatus.SUCCESS);
        assertThat(stg.getStatus()).as(trace(stg)).isEqualTo(JobStatus.SUCCESS);
        // the project ID is a masked variable, so GitLab prints it as [MASKED] inside the account's e-mail
        assertThat(trace(prod)).contains("Authenticated with external account credentials for: [gitlab-dataflow-prod@")
                .containsPattern("Dataflow job \\S+ state: JOB_STATE_DONE");
        assertThat(trace(stg)).contains("Authenticated with external account credentials for: [gitlab-dataflow-stg@");
    }

    @Test
    void aStagingJobCannotImpersonateTheProductionAccount() throws Exception {
        commitFileWith("wif-verify-staging", PROD_SA);
        Job stg = run().get("wif-verify-staging");
        assertThat(stg.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(trace(stg)).contains(ErrorTexts.GET_ACCESS_TOKEN_DENIED).doesNotContain("JOB_STATE_DONE");
    }

    @Test
    void aJobInAnUnprotectedEnvironmentCannotReachProduction() throws Exception {
        // a review environment is not protected: its job names the production account outright
        String file = CiConfigFile.read(at.gitlab, GitLabSandbox.PROJECT_PATH, "main").orElseThrow()
                .replace("environment: staging", "environment: review/feature");
        commit(onlyInJob(file, "wif-verify-staging", PROD_SA));
        Job review = run().get("wif-verify-staging");
        assertThat(review.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(trace(review)).contains(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
    }

    private void commitFileWith(String job, String account) throws Exception {
        commit(onlyInJob(CiConfigFile.read(at.gitlab, GitLabSandbox.PROJECT_PATH, "main").orElseThrow(), job, account));
    }

    /** The file with {@code job}'s impersonated account hard-coded (the other jobs unchanged). */
    private static String onlyInJob(String file, String job, String account) {
        int start = file.indexOf("\n" + job + ":\n");
        assertThat(start).as("job %s in the committed file", job).isNotNegative();
        int end = file.indexOf("\n\n", start + 1);
        end = end < 0 ? file.length() : end;
        String block = file.substring(start, end);
        assertThat(block).contains("--service-account=\"${WIF_SERVICE_ACCOUNT}\"");
        return file.substring(0, start) + block.replace("--service-account=\"${WIF_SERVICE_ACCOUNT}\"",
                "--service-account=\"" + account + "\"") + file.substring(end);
    }

    private void commit(String text) throws Exception {
        RepositoryFile f = new RepositoryFile();
        f.setFilePath(CiConfigFile.PATH);
        f.setContent(text);
        at.gitlab.getRepositoryFileApi().updateFile(GitLabSandbox.PROJECT_PATH, f, "main", "isolation test");
    }

    /** Runs a pipeline on main and waits for its verification jobs, by name. */
    private Map<String, Job> run() throws Exception {
        long id = at.gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main").getId();
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            List<Job> jobs = at.gitlab.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, id).stream()
                    .filter(j -> j.getName().startsWith("wif-verify")).toList();
            if (!jobs.isEmpty() && jobs.stream().allMatch(j -> j.getStatus() == JobStatus.SUCCESS
                    || j.getStatus() == JobStatus.FAILED || j.getStatus() == JobStatus.SKIPPED)) {
                return jobs.stream().collect(Collectors.toMap(Job::getName, j -> j));
            }
            assertThat(Instant.now()).as("pipeline %s still running", id).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private String trace(Job job) throws Exception {
        return at.gitlab.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, job.getId());
    }
}
