package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wifdesk.sandbox.SandboxOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault injection, the persisted state dir and option checks. */
class KnobsTest {

    @Test
    void faultSpecParsesAndNamesBadEntries() {
        assertThat(FaultPlan.parse("iam:setIamPolicy=concurrent-edit,sts=503x2,any=429@0.1,drop")).isNotNull();
        assertThatThrownBy(() -> FaultPlan.parse("storage=503")).hasMessageContaining("storage=503")
                .hasMessageContaining("unknown scope");
        assertThatThrownBy(() -> FaultPlan.parse("sts=418")).hasMessageContaining("unknown fault '418'");
        assertThatThrownBy(() -> FaultPlan.parse("sts=503@2")).hasMessageContaining("probability");
        assertThatThrownBy(() -> FaultPlan.parse("sts=503x99999999999999999999"))
                .hasMessageContaining("sts=503x99999999999999999999").hasMessageContaining("the count after 'x'");
        assertThatThrownBy(() -> SandboxOptions.defaults().withLatencyMs(-1)).hasMessageContaining("latencyMs");
    }

    @Test
    void countedStatusFaultsFireThenStop() throws Exception {
        FaultPlan plan = FaultPlan.parse("sts=503x2");
        assertThat(plan.onCall("sts.googleapis.com", "token")).contains(FaultPlan.Kind.STATUS_503);
        assertThat(plan.onCall("iam.googleapis.com", "get")).isEmpty();
        assertThat(plan.onCall("sts.googleapis.com", "token")).contains(FaultPlan.Kind.STATUS_503);
        assertThat(plan.onCall("sts.googleapis.com", "token")).isEmpty();
    }

    @Test
    void probabilisticFaultsAreReproducibleAndPartial() {
        FaultPlan a = FaultPlan.parse("any=500@0.3");
        FaultPlan b = FaultPlan.parse("any=500@0.3");
        int fired = 0;
        for (int i = 0; i < 200; i++) {
            boolean fa = a.onCall("iam.googleapis.com", "get").isPresent();
            assertThat(b.onCall("iam.googleapis.com", "get").isPresent()).isEqualTo(fa);
            fired += fa ? 1 : 0;
        }
        assertThat(fired).isBetween(30, 90);
    }

    @Test
    void latencyKnobStillAnswersEveryCall() throws Exception {
        try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withLatencyMs(5))) {
            assertThat(fx.createPool("gitlab-ci").getDone()).isTrue();
            assertThat(fx.pools().get(fx.poolName("gitlab-ci")).execute().getState()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void theClientsRetryATransientFaultTransparently() throws Exception {
        try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withFaults("iam:get=503x2"))) {
            fx.createPool("gitlab-ci");
            String poolGet = "GET iam.googleapis.com/v1/projects/*/locations/*/workloadIdentityPools/*";
            long before = fx.sandbox.requestCounts().getOrDefault(poolGet, 0L);
            assertThat(fx.pools().get(fx.poolName("gitlab-ci")).execute().getName()).isEqualTo(fx.poolName("gitlab-ci"));
            // the client met the faults: two 503s, then the answer
            assertThat(fx.sandbox.requestCounts().get(poolGet) - before).isEqualTo(3);
        }
    }

    @Test
    void statusFaultsReachTheClientAsGoogleErrors() throws Exception {
        try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withFaults("iam:get=429x1,sts=503x1"))) {
            fx.createPool("gitlab-ci");
            var raw = fx.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.sandbox.baseUrl()
                    + "/iam.googleapis.com/v1/" + fx.poolName("gitlab-ci")))
                    .header("Authorization", "Bearer " + fx.sandbox.operatorToken()).GET().build());
            assertThat(raw.status()).isEqualTo(429);
            assertThat(raw.json().at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
            // the fault fired once: the next call answers
            assertThat(fx.pools().get(fx.poolName("gitlab-ci")).execute().getName()).isEqualTo(fx.poolName("gitlab-ci"));

            var sts = fx.sts("//iam.googleapis.com/" + fx.providerName("gitlab-ci", "x"), "jwt");
            assertThat(sts.status()).isEqualTo(503);
            assertThat(sts.json().at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        }
    }

    @Test
    void droppedConnectionFailsFastWithoutAnAnswer() throws Exception {
        try (SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withFaults("iam:create=dropx1"))) {
            String pools = "/iam.googleapis.com/v1/projects/sandbox-project/locations/global/workloadIdentityPools";
            // a POST: the JDK client does not silently retry it, so the drop is visible
            HttpRequest req = HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl() + pools + "?workloadIdentityPoolId=dropped"))
                    .header("Authorization", "Bearer " + fx.sandbox.operatorToken())
                    .timeout(java.time.Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            Throwable dropped = catchThrowable(() -> fx.send(req));
            assertThat(dropped).isInstanceOf(IOException.class);
            assertThat(fx.send(req).status()).isEqualTo(200);
        }
    }

    @Test
    void stateDirSurvivesARestart(@TempDir Path dir) throws Exception {
        SandboxOptions options = SandboxOptions.defaults().withStateDir(dir);
        try (SandboxFixture first = new SandboxFixture(options)) {
            first.createPool("gitlab-ci");
            first.pools().delete(first.poolName("gitlab-ci")).execute();
        }
        assertThat(dir.resolve(SandboxState.SNAPSHOT_FILE)).isRegularFile();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SandboxState.SNAPSHOT_FILE);
        }
        try (SandboxFixture second = new SandboxFixture(options)) {
            var pool = second.pools().get(second.poolName("gitlab-ci")).execute();
            assertThat(pool.getState()).isEqualTo("DELETED");
            assertThat(second.iam.projects().serviceAccounts()
                    .get("projects/-/serviceAccounts/" + second.sandbox.computeServiceAccount()).execute().getEmail())
                    .isEqualTo(second.sandbox.computeServiceAccount());
        }
    }

    @Test
    void operatorTokenIsAnObviousFakeAndDiffersPerStart() {
        try (SandboxFixture a = new SandboxFixture(); SandboxFixture b = new SandboxFixture()) {
            assertThat(a.sandbox.operatorToken()).startsWith("sandbox-operator-").isNotEqualTo(b.sandbox.operatorToken());
            assertThat(a.sandbox.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(a.sandbox.projectId()).isEqualTo("sandbox-project");
            assertThat(a.sandbox.projectNumber()).isEqualTo("428617359021");
        }
    }
}
