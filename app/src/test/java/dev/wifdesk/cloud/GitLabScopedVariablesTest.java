package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.ProjectApi;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One key in several environment scopes: plain gitlab4j gets GitLab's 409, the adapter reaches each scope. */
class GitLabScopedVariablesTest {
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private static final String KEY = "WIF_SERVICE_ACCOUNT";
    private static final String AMBIGUOUS =
            "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'";

    private GitLabSandbox gitlab;
    private GitLabApi api;
    private ProjectApi projects;
    private GitLabScopedVariables scoped;

    @BeforeEach
    void start() throws Exception {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults());
        api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token());
        projects = api.getProjectApi();
        scoped = new GitLabScopedVariables(api);
        projects.createVariable(PROJECT, KEY, "deploy-prod@p.iam.gserviceaccount.com", Variable.Type.ENV_VAR, true, true,
                "production");
        projects.createVariable(PROJECT, KEY, "deploy-staging@p.iam.gserviceaccount.com", Variable.Type.ENV_VAR, false,
                true, "staging");
    }

    @AfterEach
    void stop() {
        api.close();
        gitlab.close();
    }

    @Test
    void withoutTheFilterGetUpdateAndDeleteOfAnAmbiguousKeyAre409() {
        assertConflict(() -> projects.getVariable(PROJECT, KEY));
        assertConflict(() -> projects.updateVariable(PROJECT, KEY, "x@p.iam.gserviceaccount.com", false));
        assertConflict(() -> projects.deleteVariable(PROJECT, KEY));
    }

    @Test
    void getUpdateAndDeleteReachOnlyTheirScope() throws Exception {
        assertThat(scoped.get(PROJECT, KEY, "production").getValue()).isEqualTo("deploy-prod@p.iam.gserviceaccount.com");
        assertThat(scoped.get(PROJECT, KEY, "staging").getValue()).isEqualTo("deploy-staging@p.iam.gserviceaccount.com");

        Variable updated = scoped.update(PROJECT, KEY, "staging", "deploy-stage2@p.iam.gserviceaccount.com", true, true);
        assertThat(updated.getEnvironmentScope()).isEqualTo("staging");
        assertThat(updated.getProtected()).isTrue();
        assertThat(scoped.get(PROJECT, KEY, "staging").getValue()).isEqualTo("deploy-stage2@p.iam.gserviceaccount.com");
        assertThat(scoped.get(PROJECT, KEY, "production").getValue()).isEqualTo("deploy-prod@p.iam.gserviceaccount.com");

        scoped.delete(PROJECT, KEY, "production");
        assertThat(scoped.find(PROJECT, KEY, "production")).isEmpty();
        // one scope left: the key is no longer ambiguous, and gitlab4j's own get works again
        assertThat(projects.getVariable(PROJECT, KEY).getEnvironmentScope()).isEqualTo("staging");
    }

    @Test
    void anUnknownScopeIs404() {
        assertThatThrownBy(() -> scoped.get(PROJECT, KEY, "review/*"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("404 Variable Not Found");
                });
        assertThatThrownBy(() -> scoped.get(PROJECT, KEY, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskedValuesMustMeetGitLabsMaskingRules() throws Exception {
        for (String unmaskable : new String[] {"short7x", "has a space", "two\nlines12", "bang!bang!"}) {
            assertThatThrownBy(() -> projects.createVariable(PROJECT, "M", unmaskable, Variable.Type.ENV_VAR, false, true, "*"))
                    .as(unmaskable)
                    .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                        assertThat(e.getHttpStatus()).isEqualTo(400);
                        assertThat(e.getValidationErrors()).containsEntry("value", java.util.List.of("is invalid"));
                    });
        }
        assertThat(projects.createVariable(PROJECT, "M", "//iam.googleapis.com/projects/1:a.b~c@d+e=f_g-h",
                Variable.Type.ENV_VAR, false, true, "*").getMasked()).isTrue();
        // a raw masked value may hold other characters, but still no whitespace (gitlab4j cannot send raw)
        assertThat(rawCreate("R", "bang!bang!").statusCode()).isEqualTo(201);
        HttpResponse<String> spaced = rawCreate("S", "bang! bang!");
        assertThat(spaced.statusCode()).isEqualTo(400);
        assertThat(spaced.body()).isEqualTo("{\"message\":{\"value\":[\"is invalid\"]}}");
    }

    private HttpResponse<String> rawCreate(String key, String value) throws Exception {
        String form = "key=" + key + "&value=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                + "&masked=true&raw=true";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gitlab.baseUrl() + "/api/v4/projects/"
                        + GitLabSandbox.PROJECT_ID + "/variables"))
                .header("PRIVATE-TOKEN", gitlab.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertConflict(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GitLabApiException.class, e -> {
            assertThat(e.getHttpStatus()).isEqualTo(409);
            assertThat(e.getMessage()).isEqualTo(AMBIGUOUS);
        });
    }
}
