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
                    "gitlabToken", "project", "projectNumber", "gitlabReadToken");
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
    void gitlabReadTokenReadsButEveryWriteIsGitLabsInsufficientScope() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            // learned the way a --sandbox client learns it: GET /sandbox/info on the Google base
            var info = dev.wifdesk.cloud.SandboxInfo.fetch(sandbox.google().baseUrl());
            assertThat(info.gitlabReadToken()).isNotBlank().isNotEqualTo(info.gitlabToken());
            try (GitLabApi reader = new GitLabApi(info.gitlab(), info.gitlabReadToken())) {
                assertThat(reader.getProjectApi().getProject(info.gitlabProject()).getId()).isEqualTo(GitLabSandbox.PROJECT_ID);
                var e = org.assertj.core.api.Assertions.catchThrowableOfType(org.gitlab4j.api.GitLabApiException.class,
                        () -> reader.getProjectApi().createVariable(info.gitlabProject(), "WIF_PROVIDER", "x", null, false, false));
                assertThat(e.getHttpStatus()).isEqualTo(403);
            }
            var http = java.net.http.HttpClient.newBuilder().proxy(java.net.ProxySelector.of(null)).build();
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(info.gitlab()
                            + "/api/v4/projects/" + GitLabSandbox.PROJECT_ID + "/variables"))
                    .header("PRIVATE-TOKEN", info.gitlabReadToken()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("key=K&value=v")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(403);
            // GitLab's answer verbatim (timoschwarzer/gitlab-monitor#134, fh1ch/passport-gitlab2#5)
            assertThat(new ObjectMapper().readTree(answer.body())).isEqualTo(new ObjectMapper().readTree(
                    "{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher privileges than"
                            + " provided by the access token.\",\"scope\":\"api\"}"));
        }
    }

    @Test
    void sandboxInfoWithoutAReadTokenStillParses() {
        var info = dev.wifdesk.cloud.SandboxInfo.parse("{\"google\":\"http://127.0.0.1:1\",\"gitlab\":\"http://127.0.0.1:2\","
                + "\"gitlabIssuer\":\"https://g\",\"gitlabProject\":\"a/b\",\"operatorToken\":\"o\",\"gitlabToken\":\"t\","
                + "\"project\":\"p\",\"projectNumber\":\"1\"}");
        assertThat(info.gitlabReadToken()).isNull();
        assertThat(info.projectNumber()).isEqualTo("1");
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
