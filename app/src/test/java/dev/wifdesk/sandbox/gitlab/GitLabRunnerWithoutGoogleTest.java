package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runner behaviour that needs no Google side: variable visibility, masking, state persistence. */
class GitLabRunnerWithoutGoogleTest {

    @Test
    void protectedVariablesReachOnlyProtectedRefs() throws Exception {
        try (GitLabSandbox gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults().withPollInterval(Duration.ofMillis(20)));
             GitLabApi api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token())) {
            var projects = api.getProjectApi();
            projects.createVariable(GitLabSandbox.PROJECT_PATH, "WIF_PROVIDER", "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q",
                    Variable.Type.ENV_VAR, true, false, "*");
            projects.createVariable(GitLabSandbox.PROJECT_PATH, "WIF_SERVICE_ACCOUNT", "sa@sandbox-project.iam.gserviceaccount.com",
                    Variable.Type.ENV_VAR, true, true, "*");
            CiFiles.commitVerificationJob(api, "develop");
            CiFiles.commitVerificationJob(api, "main");

            String onDevelop = trace(api, api.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "develop"));
            assertThat(onDevelop).contains("WIF_PROVIDER is not set");

            String onMain = trace(api, api.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main"));
            assertThat(onMain).doesNotContain("is not set")
                    .contains("no Google endpoint")
                    .doesNotContain("sa@sandbox-project.iam.gserviceaccount.com");
        }
    }

    @Test
    void jobsInheritGroupVariablesAndPipelineVariablesWin() throws Exception {
        try (GitLabSandbox gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults().withPollInterval(Duration.ofMillis(20)));
             GitLabApi api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token())) {
            api.getGroupApi().createVariable("acme", "WIF_PROVIDER", "//iam.googleapis.com/from-group", false);
            CiFiles.commitVerificationJob(api, "develop");
            String inherited = trace(api, api.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "develop"));
            assertThat(inherited).contains("WIF_SERVICE_ACCOUNT is not set").doesNotContain("WIF_PROVIDER is not set");

            String overridden = trace(api, api.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "develop",
                    List.of(new Variable("WIF_SERVICE_ACCOUNT", "sa@x.example"))));
            assertThat(overridden).doesNotContain("is not set").contains("no Google endpoint");

            // the job's environment: comes from the file, as on GitLab
            CiFiles.commit(api, "develop", dev.wifdesk.export.VerificationJobYaml.file("develop", List.of("production")));
            String deploying = trace(api, api.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "develop",
                    List.of(new Variable("WIF_SERVICE_ACCOUNT", "sa@x.example"))));
            assertThat(deploying).contains("Environment: production (protected, tier production)");
        }
    }

    @Test
    void variablesSurviveARestartWithAStateDir(@TempDir Path dir) throws Exception {
        GitLabSandbox.Settings settings = GitLabSandbox.Settings.defaults().withStateDir(dir);
        try (GitLabSandbox gitlab = GitLabSandbox.start(settings);
             GitLabApi api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token())) {
            api.getProjectApi().createVariable(GitLabSandbox.PROJECT_PATH, "DATAFLOW_REGION", "europe-west1",
                    Variable.Type.ENV_VAR, false, false, "staging");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve(GitLabStore.VARIABLES_FILE)))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        try (GitLabSandbox gitlab = GitLabSandbox.start(settings);
             GitLabApi api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token())) {
            List<Variable> vars = api.getProjectApi().getVariables(GitLabSandbox.PROJECT_ID);
            assertThat(vars).singleElement().satisfies(v -> {
                assertThat(v.getKey()).isEqualTo("DATAFLOW_REGION");
                assertThat(v.getValue()).isEqualTo("europe-west1");
                assertThat(v.getEnvironmentScope()).isEqualTo("staging");
            });
        }
    }

    static String trace(GitLabApi api, Pipeline created) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        Job job;
        do {
            assertThat(Instant.now()).as("job of pipeline %s did not finish", created.getId()).isBefore(deadline);
            Thread.sleep(20);
            job = api.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, created.getId()).stream()
                    .filter(j -> j.getName().startsWith(dev.wifdesk.export.VerificationJobYaml.JOB_NAME))
                    .findFirst().orElseThrow();
        } while (job.getStatus() != JobStatus.SUCCESS && job.getStatus() != JobStatus.FAILED);
        return api.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, job.getId());
    }
}
