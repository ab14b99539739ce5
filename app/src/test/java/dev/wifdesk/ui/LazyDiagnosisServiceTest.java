package dev.wifdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.ui.diagnostics.DiagnosisReport;
import dev.wifdesk.ui.diagnostics.DiagnosisRequest;
import dev.wifdesk.ui.diagnostics.DiagnosisService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The diagnosis service built on first use or by the warm-up, once, whichever thread comes first. */
class LazyDiagnosisServiceTest {
    private static final DiagnosisReport REPORT = new DiagnosisReport(List.of(), List.of());

    @Test
    void nothingIsBuiltUntilTheFirstDiagnosisWhichBuildsItOnce() {
        AtomicInteger builds = new AtomicInteger();
        List<DiagnosisRequest> seen = new ArrayList<>();
        LazyDiagnosisService lazy = new LazyDiagnosisService(() -> {
            builds.incrementAndGet();
            return r -> {
                seen.add(r);
                return REPORT;
            };
        });
        assertThat(builds).hasValue(0);
        assertThat(lazy.isBuilt()).isFalse();

        DiagnosisRequest request = request();
        assertThat(lazy.diagnose(request)).isSameAs(REPORT);
        assertThat(lazy.diagnose(request)).isSameAs(REPORT);

        assertThat(builds).hasValue(1);
        assertThat(seen).containsExactly(request, request);
        assertThat(lazy.isBuilt()).isTrue();
    }

    @Test
    void theWarmUpBuildsItOnItsOwnDaemonThreadAndADiagnosisMeanwhileWaitsForThatBuild() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> builtOn = new ArrayList<>();
        LazyDiagnosisService lazy = new LazyDiagnosisService(() -> {
            builds.incrementAndGet();
            builtOn.add(Thread.currentThread().getName());
            building.countDown();
            await(release);
            return (DiagnosisService) r -> REPORT;
        });
        Thread warmUp = lazy.warmUp();
        assertThat(warmUp.isDaemon()).isTrue();
        assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();

        DiagnosisReport[] got = new DiagnosisReport[1];
        Thread diagnosis = new Thread(() -> got[0] = lazy.diagnose(request()));
        diagnosis.start();
        diagnosis.join(200);
        assertThat(diagnosis.isAlive()).as("waits for the build under way").isTrue();

        release.countDown();
        diagnosis.join(10_000);
        warmUp.join(10_000);
        assertThat(got[0]).isSameAs(REPORT);
        assertThat(builds).hasValue(1);
        assertThat(builtOn).containsExactly("wifdesk-diagnosis-warm-up");
    }

    @Test
    void aFailedBuildIsTheDiagnosisFailureAndIsTriedAgainNextTime() {
        AtomicInteger builds = new AtomicInteger();
        LazyDiagnosisService lazy = new LazyDiagnosisService(() -> {
            if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("catalogue missing");
            }
            return r -> REPORT;
        });
        assertThatThrownBy(() -> lazy.diagnose(request())).hasMessage("catalogue missing");
        assertThat(lazy.isBuilt()).isFalse();
        assertThat(lazy.diagnose(request())).isSameAs(REPORT);
        assertThat(builds).hasValue(2);
    }

    private static DiagnosisRequest request() {
        return new DiagnosisRequest("", "", Optional.empty(), "", Instant.EPOCH);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
