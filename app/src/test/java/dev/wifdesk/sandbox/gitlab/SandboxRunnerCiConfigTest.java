package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.plan.CiConfigFile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineStatus;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox runner runs the jobs of the {@code .gitlab-ci.yml} committed on the pipeline's ref, as
 * GitLab does: one job per entry in stage order, variables by GitLab's precedence, an ID token only
 * for {@code id_tokens:}, the environment's protection and scoped variables, GitLab's refusals.
 * Everything through gitlab4j.
 */
class SandboxRunnerCiConfigTest {
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private GitLabSandbox gitlab;
    private GitLabApi api;

    @BeforeEach
    void start() {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults().withPollInterval(Duration.ofMillis(20)));
        api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token());
    }

    @AfterEach
    void stop() {
        api.close();
        gitlab.close();
    }

    @Test
    void theSeededFileIsOrdinaryAndItsJobsRunInStageOrder() throws Exception {
        String seeded = api.getRepositoryFileApi().getFile(PROJECT, CiConfigFile.PATH, "main").getDecodedContentAsString();
        assertThat(seeded).doesNotContain("id_tokens").doesNotContain("WIF_").doesNotContain("gcloud");

        Map<String, Job> jobs = finished(api.getPipelineApi().createPipeline(PROJECT, "main"));
        assertThat(jobs.keySet()).containsExactly("build", "unit-tests");
        assertThat(jobs.get("build").getStage()).isEqualTo("build");
        assertThat(jobs.get("unit-tests").getStage()).isEqualTo("test");
        String sha = api.getRepositoryApi().getBranch(PROJECT, "main").getCommit().getId();
        assertThat(trace(jobs.get("build"))).contains("Building acme/pipelines at " + sha.substring(0, 8))
                .contains("Job succeeded");
    }

    @Test
    void onlyAJobWithIdTokensGetsATokenAndVariablesFollowGitLabsPrecedence() throws Exception {
        CiFiles.commit(api, "main", """
                stages: [build, test]
                variables:
                  GREETING: top
                  ONLY_TOP: t
                no-token:
                  stage: build
                  script:
                    - echo "token=[${ID_TOKEN}] $GREETING $ONLY_TOP"
                with-token:
                  variables:
                    GREETING: job
                    AUD_HOST: example.test
                  id_tokens:
                    ID_TOKEN:
                      aud: https://${AUD_HOST}/wif
                  script:
                    - echo "token=[${ID_TOKEN}] $GREETING"
                .hidden:
                  script:
                    - echo never
                """);
        Map<String, Job> jobs = finished(api.getPipelineApi().createPipeline(PROJECT, "main"));
        assertThat(jobs.keySet()).containsExactly("no-token", "with-token");
        assertThat(trace(jobs.get("no-token"))).contains("\ntoken=[] top t\n");
        assertThat(trace(jobs.get("with-token"))).contains("\ntoken=[[MASKED]] job\n").doesNotContain("eyJ");

        // a project variable outranks the file's variables; a pipeline variable outranks both
        api.getProjectApi().createVariable(PROJECT, "GREETING", "project", false);
        jobs = finished(api.getPipelineApi().createPipeline(PROJECT, "main"));
        assertThat(trace(jobs.get("no-token"))).contains("\ntoken=[] project t\n");
        assertThat(trace(jobs.get("with-token"))).contains("\ntoken=[[MASKED]] project\n");
        jobs = finished(api.getPipelineApi().createPipeline(PROJECT, "main", List.of(new Variable("GREETING", "pipeline"))));
        assertThat(trace(jobs.get("with-token"))).contains("\ntoken=[[MASKED]] pipeline\n");
    }

    @Test
    void theJobsEnvironmentSetsProtectionTierAndScopedVariables() throws Exception {
        api.getProjectApi().createVariable(PROJECT, "REGION", "any-region", Variable.Type.ENV_VAR, false, false, "*");
        api.getProjectApi().createVariable(PROJECT, "REGION", "prod-region", Variable.Type.ENV_VAR, false, false, "production");
        CiFiles.commit(api, "develop", """
                deploy-prod:
                  environment: production
                  script:
                    - echo "$REGION $CI_ENVIRONMENT_NAME"
                deploy-staging:
                  environment:
                    name: staging
                    deployment_tier: testing
                  script:
                    - echo "$REGION $CI_ENVIRONMENT_NAME"
                no-environment:
                  script:
                    - echo "[$REGION] [$CI_ENVIRONMENT_NAME]"
                """);
        Map<String, Job> jobs = finished(api.getPipelineApi().createPipeline(PROJECT, "develop"));
        assertThat(trace(jobs.get("deploy-prod"))).contains("Environment: production (protected, tier production)")
                .contains("\nprod-region production\n");
        assertThat(trace(jobs.get("deploy-staging"))).contains("Environment: staging (not protected, tier testing)")
                .contains("\nany-region staging\n");
        assertThat(trace(jobs.get("no-environment"))).doesNotContain("Environment:").contains("\n[any-region] []\n");
    }

    @Test
    void aFailingJobFailsThePipelineAndSkipsLaterStages() throws Exception {
        CiFiles.commit(api, "main", """
                launch:
                  stage: build
                  script:
                    - gcloud dataflow jobs run x --gcs-location=gs://t/x --region=europe-west1 --project=p
                lint:
                  stage: build
                  script:
                    - echo fine
                later:
                  stage: deploy
                  script:
                    - echo never
                """);
        Pipeline p = api.getPipelineApi().createPipeline(PROJECT, "main");
        Map<String, Job> jobs = finished(p);
        assertThat(api.getPipelineApi().getPipeline(PROJECT, p.getId()).getStatus()).isEqualTo(PipelineStatus.FAILED);
        assertThat(jobs.get("launch").getFailureReason()).isEqualTo("script_failure");
        assertThat(trace(jobs.get("launch")))
                .contains("ERROR: (gcloud.dataflow.jobs.run) You do not currently have an active account selected.");
        assertThat(jobs.get("lint").getStatus().toString()).isEqualTo("success");
        assertThat(jobs.get("later").getStatus().toString()).isEqualTo("skipped");
    }

    @Test
    void dataflowParametersAreReadAsGcloudReadsThem() throws Exception {
        CiFiles.commit(api, "main", """
                json-on-the-command-line:
                  stage: build
                  variables:
                    PARAMS: '{"inputFile":"gs://a","output":"gs://b"}'
                  script:
                    - gcloud dataflow jobs run x --gcs-location=gs://t/x --region=europe-west1 --project=p --parameters="$PARAMS"
                flags-file-of-no-mapping:
                  stage: build
                  script:
                    - printf '%s\\n' '{"--parameters":["output=gs://b"]}' > flags.json
                    - gcloud dataflow jobs run x --gcs-location=gs://t/x --region=europe-west1 --project=p --flags-file=flags.json
                flags-file-missing:
                  stage: build
                  script:
                    - gcloud dataflow jobs run x --gcs-location=gs://t/x --region=europe-west1 --project=p --flags-file=none.json
                """);
        Map<String, Job> jobs = finished(api.getPipelineApi().createPipeline(PROJECT, "main"));
        assertThat(trace(jobs.get("json-on-the-command-line"))).contains("ERROR: (gcloud.dataflow.jobs.run) argument "
                + "--parameters: Bad syntax for dict arg: [{\"inputFile\":\"gs://a\"]. Please see `gcloud topic flags-file`");
        assertThat(trace(jobs.get("flags-file-of-no-mapping")))
                .contains("ERROR: (gcloud.dataflow.jobs.run) argument --parameters: the flags file must give it as a mapping");
        assertThat(trace(jobs.get("flags-file-missing"))).contains("no flags file none.json in this job's workspace");
        assertThat(jobs.values()).allSatisfy(j -> assertThat(j.getFailureReason()).isEqualTo("script_failure"));
    }

    @Test
    void theVerificationJobRunsOnlyOnItsRef() throws Exception {
        String develop = api.getRepositoryFileApi().getFile(PROJECT, CiConfigFile.PATH, "develop").getDecodedContentAsString();
        CiFiles.commit(api, "develop", CiConfigFile.merge(develop, VerificationJobYaml.jobs("main", List.of())));
        assertThat(finished(api.getPipelineApi().createPipeline(PROJECT, "develop")).keySet())
                .containsExactly("build", "unit-tests");
        CiFiles.commitVerificationJob(api, "main");
        assertThat(finished(api.getPipelineApi().createPipeline(PROJECT, "main")).keySet())
                .containsExactly("build", "unit-tests", "wif-verify");
    }

    @Test
    void aFileGitLabWouldRefuseMakesNoPipeline() throws Exception {
        assertRefused("stages: [build\n", "(<unknown>): ");
        assertRefused("- just\n- a list\n", "Invalid configuration format");
        assertRefused(".only-hidden:\n  script: [echo]\n", "jobs config should contain at least one visible job");
        assertRefused("job:\n  stage: verify\n  script: [echo]\n",
                "job job: chosen stage verify does not exist; available stages are .pre, build, test, deploy, .post");
        assertRefused("job:\n  image: alpine\n", "jobs:job config should implement the script:, run:, or trigger: keyword");
        assertRefused("job:\n  rules:\n    - if: $CI_COMMIT_REF_NAME == \"release\"\n  script: [echo]\n",
                "Pipeline will not run for the selected trigger. The rules configuration prevented any jobs from being added to the pipeline.");
        api.getRepositoryFileApi().deleteFile(PROJECT, CiConfigFile.PATH, "develop", "No CI");
        assertThatThrownBy(() -> api.getPipelineApi().createPipeline(PROJECT, "develop"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                    assertThat(e.getValidationErrors()).containsEntry("base", List.of("Missing CI config file"));
                });
        assertThat(api.getPipelineApi().getPipelines(PROJECT)).isEmpty();
    }

    private void assertRefused(String file, String message) throws Exception {
        CiFiles.commit(api, "develop", file);
        assertThatThrownBy(() -> api.getPipelineApi().createPipeline(PROJECT, "develop"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                    assertThat(e.getValidationErrors().get("base")).singleElement().asString().startsWith(message);
                });
    }

    /** The pipeline's jobs by name, once the pipeline finished (bounded wait). */
    private Map<String, Job> finished(Pipeline created) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            PipelineStatus s = api.getPipelineApi().getPipeline(PROJECT, created.getId()).getStatus();
            if (s == PipelineStatus.SUCCESS || s == PipelineStatus.FAILED) {
                break;
            }
            assertThat(Instant.now()).as("pipeline %s still %s", created.getId(), s).isBefore(deadline);
            Thread.sleep(20);
        }
        Map<String, Job> out = new LinkedHashMap<>();
        api.getJobApi().getJobsForPipeline(PROJECT, created.getId()).forEach(j -> out.put(j.getName(), j));
        return out;
    }

    private String trace(Job job) throws Exception {
        return api.getJobApi().getTrace(PROJECT, job.getId());
    }
}
