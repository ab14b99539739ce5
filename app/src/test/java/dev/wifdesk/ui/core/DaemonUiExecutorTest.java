package dev.wifdesk.ui.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.support.Fx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DaemonUiExecutorTest {
    @Test
    void runsWorkOnNamedDaemonThreadsWithHandlersOnTheFxThreadAndClosingInterruptsReads() throws Exception {
        DaemonUiExecutor executor = new DaemonUiExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean callOnFxThread = new AtomicBoolean(true);
        AtomicBoolean handlerOnFxThread = new AtomicBoolean(false);
        AtomicBoolean succeeded = new AtomicBoolean(false);
        Work<Void> blocking = Work.<Void>of(() -> {
            worker.set(Thread.currentThread());
            callOnFxThread.set(javafx.application.Platform.isFxApplicationThread());
            started.countDown();
            try {
                new CountDownLatch(1).await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        }).onSuccess(v -> succeeded.set(true))
                .onFinally(() -> {
                    handlerOnFxThread.set(javafx.application.Platform.isFxApplicationThread());
                    delivered.countDown();
                });
        Fx.run(() -> executor.run(blocking));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.get().getName()).startsWith("wifdesk-ui-worker-");
        assertThat(worker.get().isDaemon()).isTrue();
        assertThat(callOnFxThread.get()).isFalse();

        Fx.run(executor::close);

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(handlerOnFxThread.get()).isTrue();
        assertThat(succeeded.get()).as("an interrupted read is cancelled, not a success").isFalse();
    }

    @Test
    void aCancelDoesNotInterruptMutatingWorkItStopsItAtTheNextStep() throws Exception {
        DaemonUiExecutor executor = new DaemonUiExecutor();
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean(false);
        AtomicBoolean secondStepRan = new AtomicBoolean(false);
        AtomicBoolean cancelled = new AtomicBoolean(false);
        Work<Void> change = Work.<Void>steps(progress -> {
            inCall.countDown();
            try {
                // the first step's call in flight: a cancel must not break it off
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            if (progress.isCancelled()) {
                throw new Work.CancelledException();
            }
            secondStepRan.set(true);
            return null;
        }).mutating()
                .onCancelled(() -> cancelled.set(true))
                .onFinally(delivered::countDown);
        Fx.run(() -> executor.run(change));
        assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

        Fx.run(executor::cancelRunning);
        release.countDown();

        assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted.get()).as("the call in flight was interrupted").isFalse();
        assertThat(secondStepRan.get()).as("the step after the cancel ran").isFalse();
        assertThat(cancelled.get()).isTrue();
        executor.close();
    }
}
