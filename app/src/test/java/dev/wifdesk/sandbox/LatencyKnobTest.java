package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.Iam;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import java.time.Duration;
import org.gitlab4j.api.GitLabApi;
import org.junit.jupiter.api.Test;

/**
 * The latency knob delays every answer of both sides by at least its value. Only a lower bound
 * is asserted (the knob times the calls made), never an upper one, so a busy machine cannot make
 * it fail; a sandbox that ignored the knob answers warm loopback calls far faster than the bound.
 */
class LatencyKnobTest {
    private static final long LATENCY_MS = 400;
    private static final int CALLS = 3;

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    /** The time of CALLS calls, after one untimed call (class loading and connection set-up are not the knob). */
    private static Duration timed(Call call) throws Exception {
        call.run();
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void everyGoogleAndGitLabAnswerWaitsAtLeastTheKnob() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withLatencyMs(LATENCY_MS))) {
            Iam iam = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                    sandbox.google().operatorEmail())).iam();
            String parent = "projects/" + sandbox.google().projectId() + "/locations/global";
            Duration google = timed(() -> iam.projects().locations().workloadIdentityPools().list(parent).execute());
            assertThat(google).as("%d IAM calls", CALLS).isGreaterThanOrEqualTo(Duration.ofMillis(CALLS * LATENCY_MS));

            try (GitLabApi gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.info().gitlabToken())) {
                Duration gl = timed(() -> gitlab.getProjectApi().getProject(sandbox.info().gitlabProject()));
                assertThat(gl).as("%d GitLab calls", CALLS).isGreaterThanOrEqualTo(Duration.ofMillis(CALLS * LATENCY_MS));
            }
        }
    }
}
