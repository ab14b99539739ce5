package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineStatus;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.Variable;
import org.gitlab4j.models.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox GitLab driven through the real gitlab4j-api client. */
class GitLabSandboxApiTest {
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
    void projectByIdAndByEncodedPath() throws Exception {
        Project byPath = api.getProjectApi().getProject(GitLabSandbox.PROJECT_PATH);
        Project byId = api.getProjectApi().getProject(GitLabSandbox.PROJECT_ID);

        assertThat(byPath.getId()).isEqualTo(GitLabSandbox.PROJECT_ID);
        assertThat(byId.getPathWithNamespace()).isEqualTo("acme/pipelines");
        assertThat(byId.getNamespace().getPath()).isEqualTo("acme");
        assertThat(byId.getNamespace().getId()).isEqualTo(GitLabSandbox.NAMESPACE_ID);
        assertThat(byId.getDefaultBranch()).isEqualTo("main");
        assertThat(byId.getWebUrl()).isEqualTo(GitLabSandbox.ISSUER + "/acme/pipelines");
    }

    @Test
    void tokensReportTheirScopes() throws Exception {
        assertThat(api.getPersonalAccessTokenApi().getPersonalAccessToken().getScopes())
                .containsExactly(Constants.ProjectAccessTokenScope.API);
        try (GitLabApi reader = new GitLabApi(gitlab.baseUrl().toString(), GitLabSandbox.READ_ONLY_TOKEN)) {
            var self = reader.getPersonalAccessTokenApi().getPersonalAccessToken();
            assertThat(self.getScopes()).containsExactly(Constants.ProjectAccessTokenScope.READ_API);
            assertThat(self.getExpiresAt()).isNotNull();
        }
    }

    @Test
    void projectListAndSearch() throws Exception {
        assertThat(api.getProjectApi().getProjects()).extracting(Project::getPathWithNamespace)
                .containsExactly("acme/pipelines", "contractor/pipelines");
        assertThat(api.getProjectApi().getProjects("acme")).extracting(Project::getId).containsExactly(GitLabSandbox.PROJECT_ID);
    }

    @Test
    void forkKnowsItsParent() throws Exception {
        Project fork = api.getProjectApi().getProject(GitLabSandbox.FORK_PROJECT_PATH);
        assertThat(fork.getForkedFromProject().getId()).isEqualTo(GitLabSandbox.PROJECT_ID);
    }

    @Test
    void unknownProjectIs404WithGitLabsMessage() {
        assertThatThrownBy(() -> api.getProjectApi().getProject("acme/nope"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("404 Project Not Found");
                });
    }

    @Test
    void badTokenIs401() {
        try (GitLabApi bad = new GitLabApi(gitlab.baseUrl().toString(), "not-a-token")) {
            assertThatThrownBy(() -> bad.getProjectApi().getVariables(GitLabSandbox.PROJECT_PATH))
                    .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                        assertThat(e.getHttpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).isEqualTo("401 Unauthorized");
                    });
            assertThatThrownBy(() -> bad.getProjectApi().getProject(GitLabSandbox.PROJECT_ID))
                    .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getHttpStatus()).isEqualTo(401));
        }
    }

    @Test
    void bearerTokenIsAcceptedToo() throws Exception {
        try (GitLabApi oauth = new GitLabApi(gitlab.baseUrl().toString(), Constants.TokenType.OAUTH2_ACCESS, gitlab.token())) {
            assertThat(oauth.getProjectApi().getProject(GitLabSandbox.PROJECT_PATH).getId()).isEqualTo(GitLabSandbox.PROJECT_ID);
            assertThat(oauth.getUserApi().getCurrentUser().getUsername()).isEqualTo("sandbox-user");
        }
    }

    @Test
    void developerMayNotReadVariablesAndReadOnlyTokenMayNotWrite() {
        try (GitLabApi developer = new GitLabApi(gitlab.baseUrl().toString(), GitLabSandbox.DEVELOPER_TOKEN);
             GitLabApi reader = new GitLabApi(gitlab.baseUrl().toString(), GitLabSandbox.READ_ONLY_TOKEN)) {
            assertThatThrownBy(() -> developer.getProjectApi().getVariables(GitLabSandbox.PROJECT_PATH))
                    .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                        assertThat(e.getHttpStatus()).isEqualTo(403);
                        assertThat(e.getMessage()).isEqualTo("403 Forbidden");
                    });
            assertThatThrownBy(() -> reader.getProjectApi().createVariable(GitLabSandbox.PROJECT_PATH, "A", "b", false))
                    .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                        assertThat(e.getHttpStatus()).isEqualTo(403);
                        assertThat(e.getMessage()).isEqualTo("insufficient_scope");
                    });
        }
    }

    @Test
    void variablesCrudKeepsFlagsAndScope() throws Exception {
        var projects = api.getProjectApi();
        Variable created = projects.createVariable(GitLabSandbox.PROJECT_PATH, "WIF_PROVIDER", "//iam.googleapis.com/x",
                Variable.Type.ENV_VAR, true, false, "production");
        assertThat(created.getProtected()).isTrue();
        assertThat(created.getEnvironmentScope()).isEqualTo("production");

        projects.createVariable(GitLabSandbox.PROJECT_ID, "DATAFLOW_PARAMETERS", "{\"a\":\"b\"}", Variable.Type.FILE,
                false, false, "*");
        List<Variable> all = projects.getVariables(GitLabSandbox.PROJECT_PATH);
        assertThat(all).extracting(Variable::getKey).containsExactly("WIF_PROVIDER", "DATAFLOW_PARAMETERS");
        assertThat(all.get(1).getVariableType()).isEqualTo(Variable.Type.FILE);

        Variable updated = projects.updateVariable(GitLabSandbox.PROJECT_PATH, "WIF_PROVIDER", "//iam.googleapis.com/y",
                Variable.Type.ENV_VAR, false, true, "production");
        assertThat(updated.getValue()).isEqualTo("//iam.googleapis.com/y");
        assertThat(updated.getProtected()).isFalse();
        assertThat(updated.getMasked()).isTrue();
        assertThat(projects.getVariable(GitLabSandbox.PROJECT_PATH, "WIF_PROVIDER").getValue())
                .isEqualTo("//iam.googleapis.com/y");

        projects.deleteVariable(GitLabSandbox.PROJECT_PATH, "WIF_PROVIDER");
        assertThat(projects.getOptionalVariable(GitLabSandbox.PROJECT_PATH, "WIF_PROVIDER")).isEmpty();
        assertThatThrownBy(() -> projects.getVariable(GitLabSandbox.PROJECT_PATH, "WIF_PROVIDER"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("404 Variable Not Found");
                });
    }

    @Test
    void duplicateVariableIsGitLabsValidationError() throws Exception {
        api.getProjectApi().createVariable(GitLabSandbox.PROJECT_PATH, "WIF_SERVICE_ACCOUNT", "sa@x", false);
        assertThatThrownBy(() -> api.getProjectApi().createVariable(GitLabSandbox.PROJECT_PATH, "WIF_SERVICE_ACCOUNT",
                "other@x", false))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                    assertThat(e.getValidationErrors())
                            .containsEntry("key", List.of("(WIF_SERVICE_ACCOUNT) has already been taken"));
                });
    }

    @Test
    void manyVariablesArePagedTheWayGitLab4jPages() throws Exception {
        for (int i = 0; i < 25; i++) {
            api.getProjectApi().createVariable(GitLabSandbox.PROJECT_ID, "V_" + i, "x" + i, false);
        }
        assertThat(api.getProjectApi().getVariables(GitLabSandbox.PROJECT_ID, 1, 10)).hasSize(10);
        assertThat(api.getProjectApi().getVariables(GitLabSandbox.PROJECT_ID, 10).all()).hasSize(25);
    }

    @Test
    void groupAndGroupVariables() throws Exception {
        var groups = api.getGroupApi();
        assertThat(groups.getGroup("acme").getId()).isEqualTo(GitLabSandbox.NAMESPACE_ID);
        groups.createVariable("acme", "GCP_SA_KEY", "{\"type\":\"service_account\"}", true);
        assertThat(groups.getVariables(GitLabSandbox.NAMESPACE_ID)).extracting(Variable::getKey).containsExactly("GCP_SA_KEY");
        assertThatThrownBy(() -> groups.createVariable("acme", "GCP_SA_KEY", "x", false))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getValidationErrors())
                        .containsEntry("key", List.of("(GCP_SA_KEY) has already been taken")));
        groups.deleteVariable("acme", "GCP_SA_KEY");
        assertThat(groups.getVariables("acme")).isEmpty();
        assertThatThrownBy(() -> groups.getGroup("nope"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getMessage()).isEqualTo("404 Group Not Found"));
    }

    @Test
    void pipelineWithUnknownRefIsRejected() {
        assertThatThrownBy(() -> api.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "no-such-branch"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                    assertThat(e.getValidationErrors()).containsEntry("base", List.of("Reference not found"));
                });
    }

    @Test
    void pipelineRunsItsJobAndTheTraceExplainsTheFailure() throws Exception {
        // the verification job committed, no WIF variables configured: it fails in its script, as a real job would
        CiFiles.commitVerificationJob(api, "main");
        Pipeline created = api.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main",
                List.of(new Variable("SOME_PIPELINE_VAR", "1")));
        assertThat(created.getRef()).isEqualTo("main");
        assertThat(created.getSha()).hasSize(40);

        assertThat(api.getPipelineApi().getPipelineVariables(GitLabSandbox.PROJECT_PATH, created.getId()))
                .extracting(Variable::getKey, Variable::getValue).containsExactly(org.assertj.core.groups.Tuple.tuple("SOME_PIPELINE_VAR", "1"));
        Pipeline done = awaitFinished(created.getId());
        assertThat(done.getStatus()).isEqualTo(PipelineStatus.FAILED);

        List<Job> jobs = api.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, created.getId());
        assertThat(jobs).extracting(Job::getName).containsExactly("build", "unit-tests", "wif-verify");
        Job job = jobs.get(2);
        assertThat(jobs.get(0).getStatus()).isEqualTo(JobStatus.SUCCESS);
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job.getFailureReason()).isEqualTo("script_failure");
        assertThat(job.getStage()).isEqualTo("verify");
        assertThat(api.getJobApi().getJob(GitLabSandbox.PROJECT_ID, job.getId()).getPipeline().getId())
                .isEqualTo(created.getId());

        String trace = api.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, job.getId());
        assertThat(trace).contains("section_start:").contains("WIF_PROVIDER is not set").contains("Job failed");

        // what diagnose --gitlab-project does: recent failed jobs of the project
        assertThat(api.getJobApi().getJobs(GitLabSandbox.PROJECT_PATH, Constants.JobScope.FAILED))
                .extracting(Job::getId).containsExactly(job.getId());
        assertThat(api.getJobApi().getJobs(GitLabSandbox.PROJECT_PATH, Constants.JobScope.SUCCESS))
                .extracting(Job::getName).containsExactlyInAnyOrder("build", "unit-tests");
        assertThat(api.getPipelineApi().getPipelines(GitLabSandbox.PROJECT_PATH))
                .extracting(Pipeline::getId).containsExactly(created.getId());
        // canceling a finished pipeline changes nothing, as in GitLab
        assertThat(api.getPipelineApi().cancelPipelineJobs(GitLabSandbox.PROJECT_PATH, created.getId()).getStatus())
                .isEqualTo(PipelineStatus.FAILED);
    }

    @Test
    void unknownJobAndPipelineAre404() {
        assertThatThrownBy(() -> api.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, 1L))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getMessage()).isEqualTo("404 Job Not Found"));
        assertThatThrownBy(() -> api.getPipelineApi().getPipeline(GitLabSandbox.PROJECT_PATH, 1L))
                .isInstanceOfSatisfying(GitLabApiException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("404 Pipeline Not Found"));
    }

    @Test
    void branchesAndTagsCarryTheirProtection() throws Exception {
        assertThat(api.getRepositoryApi().getBranch(GitLabSandbox.PROJECT_PATH, "main").getProtected()).isTrue();
        assertThat(api.getRepositoryApi().getBranch(GitLabSandbox.PROJECT_PATH, "develop").getProtected()).isFalse();
        assertThat(api.getTagsApi().getTags(GitLabSandbox.PROJECT_PATH)).extracting(t -> t.getName()).containsExactly("v1.0.0");
    }

    @Test
    void malformedRequestsGetGitLabStyleJsonNotStackTraces() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = gitlab.baseUrl();
        HttpResponse<String> badJson = http.send(HttpRequest.newBuilder(base.resolve("/api/v4/projects/4242/pipeline"))
                .header("PRIVATE-TOKEN", gitlab.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).startsWith("{\"message\":\"400 Bad request");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(base.resolve("/api/v4/nothing/here"))
                .header("PRIVATE-TOKEN", gitlab.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"404 Not Found\"}");

        byte[] huge = new byte[ApiRequest.MAX_BODY_BYTES + 10];
        HttpResponse<String> tooBig = http.send(HttpRequest.newBuilder(base.resolve("/api/v4/projects/4242/variables"))
                .header("PRIVATE-TOKEN", gitlab.token()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void anonymousCallerCannotSeeThePrivateProject() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gitlab.baseUrl().resolve("/api/v4/projects/acme%2Fpipelines")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"message\":\"404 Project Not Found\"}");
    }

    private Pipeline awaitFinished(long pipelineId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            Pipeline p = api.getPipelineApi().getPipeline(GitLabSandbox.PROJECT_PATH, pipelineId);
            if (p.getStatus() == PipelineStatus.SUCCESS || p.getStatus() == PipelineStatus.FAILED) {
                return p;
            }
            assertThat(Instant.now()).as("pipeline %s still %s", pipelineId, p.getStatus()).isBefore(deadline);
            Thread.sleep(20);
        }
    }

}
