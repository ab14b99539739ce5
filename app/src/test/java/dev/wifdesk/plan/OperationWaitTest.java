package dev.wifdesk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.Status;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operation waits: done at once needs no poll; an error becomes a message; the timeout is bounded by a clock. */
class OperationWaitTest {
    @Test
    void aDoneOperationIsReturnedWithoutPollingAndItsErrorIsReported() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            GoogleClients g = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                    sandbox.google().operatorEmail()));
            List<Long> pauses = new ArrayList<>();
            OperationWait wait = new OperationWait(g.iam(), Duration.ofSeconds(5), Clock.systemUTC(), pauses::add);
            Operation done = new Operation().setName("projects/1/locations/global/workloadIdentityPools/p/operations/o")
                    .setDone(true);
            assertThat(wait.await(done)).isSameAs(done);
            assertThat(pauses).isEmpty();
            assertThatThrownBy(() -> wait.await(new Operation().setName("op/x").setDone(true)
                    .setError(new Status().setCode(9).setMessage("precondition failed"))))
                    .hasMessage("operation op/x failed: precondition failed");
        }
    }

    @Test
    void anOperationNeverDoneTimesOutAfterTheDeadline() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        Clock past = Clock.fixed(start.plusSeconds(31), ZoneOffset.UTC);
        // the deadline is read first (start), then every check sees a clock past it
        Clock[] clocks = {Clock.fixed(start, ZoneOffset.UTC), past};
        int[] reads = new int[1];
        Clock ticking = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clocks[Math.min(reads[0]++, 1)].instant();
            }
        };
        OperationWait wait = new OperationWait(null, Duration.ofSeconds(30), ticking, ms -> { });
        assertThatThrownBy(() -> wait.await(new Operation().setName("op/slow").setDone(false)))
                .hasMessage("operation op/slow not done after 30 s");
    }
}
