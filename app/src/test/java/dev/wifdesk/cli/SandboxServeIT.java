package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.services.iam.v1.model.ListWorkloadIdentityPoolsResponse;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wifdesk sandbox serve} as a separate process, reached by the real clients. */
class SandboxServeIT {

    @Test
    void servesBothSidesUntilDestroyed(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.wifdesk.Main", "sandbox", "serve", "--port", "0"))
                .redirectError(dir.resolve("stderr.txt").toFile());
        Process process = pb.start();
        dev.wifdesk.cloud.SandboxInfo[] served = new dev.wifdesk.cloud.SandboxInfo[1];
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).as("first stdout line (stderr in %s)", dir.resolve("stderr.txt")).isNotNull().startsWith("{");
            dev.wifdesk.cloud.SandboxInfo info = dev.wifdesk.cloud.SandboxInfo.parse(line);
            served[0] = info;

            // the printed token is what opens the door: the same call with another token is refused
            try (GitLabApi stranger = new GitLabApi(info.gitlab(), "wrong-token-not-the-printed-one")) {
                assertThat(catchThrowableOfType(GitLabApiException.class,
                        () -> stranger.getProjectApi().getVariables(info.gitlabProject())).getHttpStatus()).isEqualTo(401);
            }
            try (GitLabApi gitlab = new GitLabApi(info.gitlab(), info.gitlabToken())) {
                assertThat(gitlab.getProjectApi().getProject(info.gitlabProject()).getPathWithNamespace())
                        .isEqualTo(info.gitlabProject());
            }
            var iam = new GoogleClients(Target.sandbox(URI.create(info.google()), info.operatorToken(), "operator")).iam();
            ListWorkloadIdentityPoolsResponse pools = iam.projects().locations().workloadIdentityPools()
                    .list("projects/" + info.project() + "/locations/global").execute();
            assertThat(pools.getWorkloadIdentityPools()).isNullOrEmpty();
        } finally {
            process.destroy();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(exited).as("sandbox serve exits on SIGTERM").isTrue();
        }
        assertThat(served[0]).as("the serve JSON was printed").isNotNull();
        // it served until destroyed, and no longer: its printed address now refuses connections
        assertThat(catchThrowable(() -> new GoogleClients(Target.sandbox(URI.create(served[0].google()),
                served[0].operatorToken(), "operator")).iam().projects().locations().workloadIdentityPools()
                .list("projects/" + served[0].project() + "/locations/global").execute()))
                .isInstanceOf(java.io.IOException.class);
    }
}
