package dev.wifdesk.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionService;
import dev.wifdesk.ui.EmbeddedSandboxLauncher;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.DaemonUiExecutor;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import dev.wifdesk.ui.support.Fx;
import dev.wifdesk.ui.support.TestServices;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gitlab4j.api.GitLabApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A target switch while the demo federation is being made, with the app's real executor: the
 * switch's {@code cancelRunning()} must not interrupt the change in flight; the run stops at the
 * next step boundary instead. The change is held mid-call on a latch (bounded waits, no sleeps).
 */
class TargetSwitchDuringChangeTest {
    private final TestServices t = new TestServices();
    private final StartupConnectionService sandbox = new StartupConnectionService(Optional::empty,
            new EmbeddedSandboxLauncher(SandboxOptions.defaults()));

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aSwitchLetsTheChangeInFlightFinishAndStopsBeforeTheNextStep() throws Exception {
        Connection start = sandbox.connect();
        Connection google = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@acme.iam.gserviceaccount.com",
                "ci@acme.iam.gserviceaccount.com", List.of(), Optional.empty());
        ConnectionService service = new ConnectionService() {
            @Override
            public Connection connect() {
                return start;
            }

            @Override
            public Connection connect(Connection.TargetKind kind) {
                return google;
            }

            @Override
            public void close() {
            }
        };
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger opened = new AtomicInteger();
        try (DaemonUiExecutor executor = new DaemonUiExecutor()) {
            // the second GitLab opening is inside the apply: hold it there as a slow change would be held
            DemoFederationViewModel demo = Fx.call(() -> new DemoFederationViewModel(t.state, executor, t.messages,
                    t.live.audit(), Clock.systemUTC(), g -> {
                        if (opened.incrementAndGet() == 2) {
                            inCall.countDown();
                            try {
                                if (!release.await(30, TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("never released");
                                }
                            } catch (InterruptedException e) {
                                interrupted.set(true);
                                Thread.currentThread().interrupt();
                            }
                        }
                        return new GitLabApi(g.baseUrl().toString(), g.token());
                    }));
            MainWindowViewModel bar = Fx.call(() -> new MainWindowViewModel(service, t.state, executor, t.messages));
            Fx.run(bar::connect);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> t.state.current().isPresent());

            CompletableFuture<DemoFederationViewModel.PreparedPlan> plan = new CompletableFuture<>();
            Fx.run(() -> demo.prepare(plan::complete));
            DemoFederationViewModel.PreparedPlan confirmed = plan.get(30, TimeUnit.SECONDS);
            Fx.run(() -> demo.create(confirmed));
            assertThat(inCall.await(30, TimeUnit.SECONDS)).as("the change is in flight").isTrue();

            Fx.run(() -> bar.switchTo(Connection.TargetKind.GOOGLE_CLOUD));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> t.state.current().orElseThrow() == google);
            release.countDown();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !demo.busyProperty().get());

            assertThat(interrupted).as("the switch interrupted the change mid-call").isFalse();
            // it stopped at the next step boundary: no step of the old target ran after the switch
            assertThat(t.live.audit().read()).isEmpty();
            assertThat(demo.statusProperty().get()).isEmpty();
            assertThat(demo.completedProperty().get()).isZero();
        }
    }
}
