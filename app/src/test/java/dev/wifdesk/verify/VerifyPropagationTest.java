package dev.wifdesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cloud.OidcJwksSource;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IAM propagation (sandbox {@code iamPropagationMs}: a new binding counts in permission checks only
 * after the delay; the policy shows it at once). The sandbox has no test clock, so real time passes.
 */
class VerifyPropagationTest {
    @TempDir
    Path dir;

    private static Verifier verifier(VerifySandbox sb, VerifyTiming timing) {
        return new Verifier(sb.operator, Optional.of(sb.gitlab), OidcJwksSource.sandbox(GitLabSandbox.ISSUER,
                sb.sandbox.gitlab().baseUrl()), BindingHistory.of(sb.audit), timing);
    }

    private static final class Recorder implements VerifyListener {
        final List<Long> countdown = new ArrayList<>();
        final List<CheckResult> finished = new ArrayList<>();

        @Override
        public synchronized void finished(CheckResult result) {
            finished.add(result);
        }

        @Override
        public synchronized void waiting(Layer layer, String check, long secondsLeft, String why) {
            assertThat(check).isEqualTo(CheckNames.LAUNCH_VALIDATE);
            countdown.add(secondsLeft);
        }
    }

    @Test
    void aFreshSetupWaitsForPropagationShowsTheCountdownAndPassesWithoutUserAction() throws Exception {
        try (VerifySandbox sb = new VerifySandbox(dir, SandboxOptions.defaults().withIamPropagationMs(20_000))) {
            FederationSpec spec = VerifySandbox.spec();
            sb.apply(spec);
            Recorder progress = new Recorder();
            VerifyReport report = verifier(sb, new VerifyTiming(Duration.ofSeconds(1), Duration.ofMinutes(2),
                    Duration.ofSeconds(1), Duration.ofMinutes(1))).verify(spec, LaunchMode.VALIDATE, progress, () -> false);

            String text = VerifyText.write(report);
            assertThat(report.passed()).as(text).isTrue();
            CheckResult launch = report.check(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE).orElseThrow();
            assertThat(launch.status()).isEqualTo(CheckStatus.PASS);
            assertThat(launch.detail()).contains("it was IAM propagation");
            assertThat(launch.findings()).extracting(f -> f.code()).containsExactly(FindingCode.PROPAGATION_DELAY);
            // the checklist showed the wait: a WAITING row first, then a countdown that goes down
            assertThat(progress.finished).anySatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.WAITING));
            assertThat(progress.countdown).hasSizeGreaterThan(2);
            assertThat(progress.countdown.get(progress.countdown.size() - 1)).isLessThan(progress.countdown.get(0));
        }
    }

    @Test
    void aRefusalThatOutlastsTheWaitIsReportedAsNotOnlyPropagationAndACancelStopsTheWait() throws Exception {
        try (VerifySandbox sb = new VerifySandbox(dir)) {
            FederationSpec spec = VerifySandbox.spec();
            sb.apply(spec);
            new Misconfigure(sb.operator).dropProjectRole("roles/dataflow.developer");
            VerifyTiming shortWait = new VerifyTiming(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1),
                    Duration.ofMinutes(1));

            VerifyReport report = verifier(sb, shortWait).verify(spec, LaunchMode.VALIDATE, VerifyListener.NONE, () -> false);
            CheckResult launch = report.check(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE).orElseThrow();
            assertThat(launch.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(launch.detail()).contains("Permission 'dataflow.jobs.create' denied").contains("not only propagation");
            assertThat(launch.findings()).extracting(f -> f.code()).contains(FindingCode.PROPAGATION_DELAY);
            assertThat(launch.fixSteps()).contains("project-roles");

            AtomicBoolean cancel = new AtomicBoolean();
            long t0 = System.nanoTime();
            VerifyReport cancelled = verifier(sb, new VerifyTiming(Duration.ofSeconds(30), Duration.ofMinutes(5),
                    Duration.ofSeconds(1), Duration.ofMinutes(1))).verify(spec, LaunchMode.VALIDATE, new VerifyListener() {
                        @Override
                        public void waiting(Layer layer, String check, long secondsLeft, String why) {
                            cancel.set(true);
                        }
                    }, cancel::get);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(25));
            assertThat(cancelled.cancelled()).isTrue();
            assertThat(cancelled.passed()).isFalse();
            assertThat(cancelled.check(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE).orElseThrow().status())
                    .isEqualTo(CheckStatus.WAITING);
        }
    }
}
