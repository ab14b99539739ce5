package dev.wifdesk.ui.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.support.Fx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import org.junit.jupiter.api.Test;

class DaemonUiExecutorTest {
    @Test
    void runsTasksOnNamedDaemonThreadsAndClosingCancelsTheRunningOnes() throws Exception {
        DaemonUiExecutor executor = new DaemonUiExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean fxThread = new AtomicBoolean(true);
        Task<Void> blocking = new Task<>() {
            @Override
            protected Void call() {
                worker.set(Thread.currentThread());
                fxThread.set(javafx.application.Platform.isFxApplicationThread());
                started.countDown();
                try {
                    new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return null;
            }
        };
        Fx.run(() -> executor.execute(blocking));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.get().getName()).startsWith("wifdesk-ui-worker-");
        assertThat(worker.get().isDaemon()).isTrue();
        assertThat(fxThread.get()).isFalse();

        Fx.run(executor::close);

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Fx.call(blocking::isCancelled)).isTrue();
    }
}
