package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.junit.jupiter.api.Test;

class SandboxFacadeTest {

    @Test
    void serveJsonHasTheContractKeysInOrderAndRealValues() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            String line = sandbox.serveJson();
            assertThat(line).doesNotContain("\n");
            JsonNode json = new ObjectMapper().readTree(line);
            List<String> keys = new ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("google", "gitlab", "gitlabIssuer", "gitlabProject", "operatorToken",
                    "gitlabToken", "project", "projectNumber");
            assertThat(json.get("google").asText()).isEqualTo(sandbox.google().baseUrl().toString())
                    .startsWith("http://127.0.0.1:");
            assertThat(json.get("gitlab").asText()).isEqualTo(sandbox.gitlab().baseUrl().toString());
            assertThat(json.get("gitlabIssuer").asText()).isEqualTo("https://gitlab.sandbox.wifdesk.test");
            assertThat(json.get("gitlabProject").asText()).isEqualTo("acme/pipelines");
            assertThat(json.get("operatorToken").asText()).isEqualTo(sandbox.google().operatorToken());
            assertThat(json.get("gitlabToken").asText()).isEqualTo("sandbox-gitlab-token");
            assertThat(json.get("project").asText()).isEqualTo("sandbox-project");
            assertThat(json.get("projectNumber").asText()).isEqualTo("428617359021");
            assertThat(sandbox.info().gitlab()).isEqualTo(json.get("gitlab").asText());

            try (GitLabApi api = new GitLabApi(json.get("gitlab").asText(), json.get("gitlabToken").asText())) {
                assertThat(api.getProjectApi().getProject(json.get("gitlabProject").asText()).getId())
                        .isEqualTo(GitLabSandbox.PROJECT_ID);
            }
        }
    }

    @Test
    void gitlabIssuerIsRegisteredForTheGoogleSide() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            assertThat(sandbox.issuers().rewrite(URI.create(GitLabSandbox.ISSUER + "/oauth/discovery/keys")))
                    .hasValue(URI.create(sandbox.gitlab().baseUrl() + "/oauth/discovery/keys"));
        }
    }

    @Test
    void closeStopsBothSidesAndUnregistersTheIssuer() throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        URI gitlab = sandbox.gitlab().baseUrl();
        sandbox.close();
        assertThat(sandbox.issuers().isRegistered(GitLabSandbox.ISSUER)).isFalse();
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", gitlab.getPort()).close())
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aClientHoldingOneSandboxUrlLearnsTheRest() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            Sandbox.Info fetched = Sandbox.Info.fetch(sandbox.gitlab().baseUrl());
            assertThat(fetched).isEqualTo(sandbox.info());
            assertThat(fetched.google()).isEqualTo(sandbox.google().baseUrl().toString());
        }
    }

    @Test
    void fetchingInfoFromSomethingElseSaysSo() {
        try (var gitlabOnly = GitLabSandbox.start(GitLabSandbox.Settings.defaults())) {
            assertThatThrownBy(() -> Sandbox.Info.fetch(URI.create(gitlabOnly.baseUrl() + "/api/v4")))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("does not look like a WIF Desk sandbox");
        }
    }

    @Test
    void infoParsingNamesWhatIsMissing() {
        assertThatThrownBy(() -> Sandbox.Info.parse("{\"google\":\"http://127.0.0.1:1\"}"))
                .hasMessageContaining("\"gitlab\"");
        assertThatThrownBy(() -> Sandbox.Info.parse("not json")).hasMessageContaining("not JSON");
    }
}
