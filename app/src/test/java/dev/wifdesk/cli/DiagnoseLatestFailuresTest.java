package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.diagnose.live.FailingPipelines;
import dev.wifdesk.sandbox.VerificationFixture;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code wifdesk diagnose --gitlab-project PATH --sandbox URL} on real failed sandbox pipelines. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnoseLatestFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private VerificationFixture fx;
    private FailingPipelines pipelines;
    private String googleUrl;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    void runPipelines() throws Exception {
        fx = new VerificationFixture();
        pipelines = FailingPipelines.run(fx);
        googleUrl = fx.sandbox.google().baseUrl().toString();
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void buffers() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int run(String... args) {
        return WifdeskCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private JsonNode job(JsonNode root, long id) {
        for (JsonNode j : root.get("jobs")) {
            if (j.get("id").asLong() == id) {
                return j;
            }
        }
        throw new AssertionError("job " + id + " not in " + root);
    }

    private static List<String> codes(JsonNode job) {
        List<String> codes = new ArrayList<>();
        job.get("diagnosis").get("findings").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    @Test
    void jsonListsEachFailedJobWithItsDiagnosisAndExitsOne() throws Exception {
        int code = run("diagnose", "--gitlab-project", GitLabSandbox.PROJECT_PATH, "--sandbox", googleUrl, "--format", "json");

        assertThat(code).as(err.toString()).isEqualTo(WifdeskCommand.EXIT_FAILED);
        assertThat(err.toString()).isEmpty();
        JsonNode root = JSON.readTree(out.toString());
        assertThat(root.get("verdict").asText()).isEqualTo("fail");
        assertThat(root.get("notes").isArray()).isTrue();
        List<Long> ids = new ArrayList<>();
        root.get("jobs").forEach(j -> ids.add(j.get("id").asLong()));
        assertThat(ids).contains(pipelines.audience.getId(), pipelines.condition.getId(), pipelines.binding.getId(),
                pipelines.notFederation.getId()).doesNotContain(pipelines.passing.getId());

        JsonNode audience = job(root, pipelines.audience.getId());
        assertThat(audience.get("name").asText()).isEqualTo("wif-verify");
        assertThat(audience.get("ref").asText()).isEqualTo("main");
        assertThat(audience.get("webUrl").asText()).endsWith("/-/jobs/" + pipelines.audience.getId());
        assertThat(audience.get("excerpt").asText()).contains(pipelines.wrongAudience);
        JsonNode diagnosis = audience.get("diagnosis");
        // the exact CLI.md diagnose object
        assertThat(diagnosis.get("verdict").asText()).isEqualTo("fail");
        assertThat(diagnosis.get("stages").get(0).fieldNames()).toIterable().containsExactly("stage", "status", "detail");
        assertThat(diagnosis.get("findings").get(0).fieldNames()).toIterable()
                .containsExactly("code", "severity", "message", "fix", "evidence");
        assertThat(codes(audience)).containsAnyOf("AUDIENCE_MISMATCH", "AUDIENCE_TYPO");

        assertThat(codes(job(root, pipelines.condition.getId()))).contains("CONDITION_REJECTED");
        assertThat(codes(job(root, pipelines.binding.getId()))).contains("BINDING_MISSING", "PERMISSION_DENIED_GET_ACCESS_TOKEN");
        JsonNode other = job(root, pipelines.notFederation.getId());
        assertThat(other.get("diagnosis").isNull()).isTrue();
        assertThat(other.get("federationError").asBoolean()).isFalse();
        assertThat(other.get("notes").get(0).asText()).isEqualTo("no federation error found");

        assertThat(out.toString()).doesNotContain("eyJ").doesNotContain(fx.sandbox.gitlab().token())
                .doesNotContain(fx.sandbox.google().operatorToken());
    }

    @Test
    void textReportIsReadable() {
        int code = run("diagnose", "--gitlab-project", GitLabSandbox.PROJECT_PATH, "--sandbox", googleUrl);

        assertThat(code).isEqualTo(WifdeskCommand.EXIT_FAILED);
        assertThat(out.toString()).startsWith("Verdict: FAIL")
                .contains("Job " + pipelines.condition.getId() + " wif-verify on develop")
                .contains("CONDITION_REJECTED").contains("fix: ").contains("no federation error found")
                .doesNotContain("eyJ").doesNotContain(fx.sandbox.gitlab().token())
                .doesNotContain(fx.sandbox.google().operatorToken());
    }

    @Test
    void projectWithoutFailedJobsExitsZero() throws Exception {
        int code = run("diagnose", "--gitlab-project", GitLabSandbox.FORK_PROJECT_PATH, "--sandbox", googleUrl, "--format", "json");

        assertThat(code).as(err.toString()).isEqualTo(WifdeskCommand.EXIT_OK);
        JsonNode root = JSON.readTree(out.toString());
        assertThat(root.get("verdict").asText()).isEqualTo("pass");
        assertThat(root.get("jobs")).isEmpty();
    }

    @Test
    void unknownProjectExitsTwoWithOneLine() {
        int code = run("diagnose", "--gitlab-project", "acme/nope", "--sandbox", googleUrl, "--format", "json");

        assertThat(code).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("GitLab project 'acme/nope' not found");
    }

    @Test
    void unreachableSandboxExitsTwo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int code = run("diagnose", "--gitlab-project", GitLabSandbox.PROJECT_PATH, "--sandbox", "http://127.0.0.1:" + port);

        assertThat(code).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("cannot reach the sandbox at http://127.0.0.1:" + port);
    }

    @Test
    void withoutSandboxAGitLabTokenIsRequired() {
        assumeTrue(System.getenv("GITLAB_TOKEN") == null, "GITLAB_TOKEN is set in this environment");
        int code = run("diagnose", "--gitlab-project", GitLabSandbox.PROJECT_PATH, "--gitlab-url", "https://gitlab.example.com");

        assertThat(code).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("GITLAB_TOKEN");
    }

    @Test
    void badCombinationsExitTwo() {
        String[][] cases = {
                {"diagnose", "--sandbox", googleUrl},
                {"diagnose", "--gitlab-url", "https://gitlab.example.com"},
                {"diagnose", "--gitlab-project", "pipelines", "--sandbox", googleUrl},
                {"diagnose", "--gitlab-project", GitLabSandbox.PROJECT_PATH, "--sandbox", googleUrl, "--gitlab-url", "https://x.example"},
                {"diagnose", "--gitlab-project", GitLabSandbox.PROJECT_PATH, "--sandbox", googleUrl, "--project-number", "1"},
                {"diagnose", "--gitlab-project", GitLabSandbox.PROJECT_PATH, "--sandbox", "not a url"},
        };
        String[] reasons = {"--sandbox is only used with --gitlab-project", "--gitlab-url is only used with --gitlab-project",
                "group/project", "cannot be used with --sandbox", "drop --project-number", "is not a URL"};
        for (int i = 0; i < cases.length; i++) {
            buffers();
            assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
            assertThat(err.toString()).as(String.join(" ", cases[i])).contains(reasons[i]);
            assertThat(err.toString().strip().lines()).as(err.toString()).hasSize(1);
        }
    }
}
