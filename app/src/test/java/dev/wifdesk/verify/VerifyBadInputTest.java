package dev.wifdesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.gitlab4j.api.GitLabApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab trouble ends in a clear message with what to do, never a hang or a stack trace. */
class VerifyBadInputTest {
    @TempDir
    Path dir;
    private VerifySandbox sb;
    private FederationSpec spec;

    @BeforeEach
    void start() throws Exception {
        sb = new VerifySandbox(dir);
        spec = VerifySandbox.spec();
        sb.apply(spec);
    }

    @AfterEach
    void stop() {
        sb.close();
    }

    @Test
    void anUnknownRefIsNamedWithTheFieldToChange() {
        FederationSpec unknownRef = VerifySandbox.spec(VerifySandbox.SPEC.replace("ref: main", "ref: no-such-branch"));
        VerifyReport report = sb.verifier().verify(unknownRef, LaunchMode.RUN, VerifyListener.NONE, () -> false);
        assertThat(report.passed()).isFalse();
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.CI_CONFIG).orElseThrow().detail())
                .isEqualTo("ref 'no-such-branch' is not a branch of acme/pipelines: set gitlab.ref in the spec to an existing"
                        + " (protected) branch");
        CheckResult pipeline = report.check(Layer.PIPELINE, CheckNames.PIPELINE).orElseThrow();
        assertThat(pipeline.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(pipeline.detail()).contains("GitLab has no ref 'no-such-branch' in acme/pipelines (Reference not found)")
                .contains("set gitlab.ref in the spec");
    }

    @Test
    void aTokenWithoutTheApiScopeIsToldToUseOne() {
        try (GitLabApi readOnly = new GitLabApi(sb.sandbox.gitlab().baseUrl().toString(), GitLabSandbox.READ_ONLY_TOKEN)) {
            VerifyReport report = sb.verifier(readOnly).verify(spec, LaunchMode.RUN, VerifyListener.NONE, () -> false);
            CheckResult pipeline = report.check(Layer.PIPELINE, CheckNames.PIPELINE).orElseThrow();
            assertThat(pipeline.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(pipeline.detail()).contains("insufficient_scope").contains("the token lacks the api scope")
                    .contains("use a token with scope api").doesNotContain(GitLabSandbox.READ_ONLY_TOKEN);
            assertThat(report.passed()).isFalse();
        }
    }

    @Test
    void anUnreachableGitLabFailsTheGitLabChecksQuicklyAndTheGoogleChecksStillRun() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        try (GitLabApi nowhere = new GitLabApi("http://127.0.0.1:" + port, "glpat-nowhere-0123456789")) {
            VerifyReport report = sb.verifier(nowhere).verify(spec, LaunchMode.RUN, VerifyListener.NONE, () -> false);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
            CheckResult variables = report.check(Layer.PREFLIGHT, CheckNames.GITLAB_VARIABLES).orElseThrow();
            assertThat(variables.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(variables.detail()).startsWith("cannot reach GitLab at http://127.0.0.1:" + port)
                    .contains("check gitlab.url in the spec").doesNotContain("glpat-nowhere");
            assertThat(report.check(Layer.PIPELINE, CheckNames.PIPELINE).orElseThrow().detail())
                    .startsWith("cannot reach GitLab at http://127.0.0.1:" + port + " to create a pipeline");
            assertThat(report.check(Layer.PREFLIGHT, CheckNames.WORKER_ROLE).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
            assertThat(report.check(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        }
    }
}
