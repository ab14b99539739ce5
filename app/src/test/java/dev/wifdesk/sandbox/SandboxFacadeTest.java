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
            dev.wifdesk.cloud.SandboxInfo fetched = dev.wifdesk.cloud.SandboxInfo.fetch(sandbox.gitlab().baseUrl());
            assertThat(fetched).isEqualTo(sandbox.info());
            assertThat(fetched.google()).isEqualTo(sandbox.google().baseUrl().toString());
            // CLI.md: `--sandbox URL` is the google URL, and the GitLab URL is learned from it
            dev.wifdesk.cloud.SandboxInfo fromGoogle = dev.wifdesk.cloud.SandboxInfo.fetch(sandbox.google().baseUrl());
            assertThat(fromGoogle.gitlab()).isEqualTo(sandbox.gitlab().baseUrl().toString());
        }
    }

    @Test
    void fetchingInfoFromSomethingElseSaysSo() {
        try (var gitlabOnly = GitLabSandbox.start(GitLabSandbox.Settings.defaults())) {
            assertThatThrownBy(() -> dev.wifdesk.cloud.SandboxInfo.fetch(URI.create(gitlabOnly.baseUrl() + "/api/v4")))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("does not look like a WIF Desk sandbox");
        }
    }

    @Test
    void anEndlessAnswerAtTheSandboxUrlIsNotReadToTheEnd() throws Exception {
        // a 200 whose JSON object never ends: reading it whole would take the client's memory
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[] chunk = " ".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            try (exchange; var out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, 0);
                out.write('{');
                for (int i = 0; i < 256; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException clientGone) {
                // expected once the client stops reading
            }
        });
        server.start();
        try {
            assertThatThrownBy(() -> dev.wifdesk.cloud.SandboxInfo.fetch(URI.create("http://127.0.0.1:" + server.getAddress().getPort())))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("more than " + dev.wifdesk.cloud.SandboxInfo.MAX_INFO_BYTES + " bytes");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void infoParsingNamesWhatIsMissing() {
        assertThatThrownBy(() -> dev.wifdesk.cloud.SandboxInfo.parse("{\"google\":\"http://127.0.0.1:1\"}"))
                .hasMessageContaining("\"gitlab\"");
        assertThatThrownBy(() -> dev.wifdesk.cloud.SandboxInfo.parse("not json")).hasMessageContaining("not JSON");
    }
}
