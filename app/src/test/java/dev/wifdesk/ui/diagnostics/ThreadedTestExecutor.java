package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A toolkit-free executor with the daemon executor's cancel rules: each call runs on its own
 * thread; {@link #cancelRunning()} interrupts read-only work and only flags mutating work (the
 * call sees {@code isCancelled()}); handlers run on the test thread in {@link #deliverAll()}.
 */
final class ThreadedTestExecutor implements UiExecutor {
    private final List<Running<?>> started = new ArrayList<>();

    private static final class Running<T> {
        final Work<T> work;
        final Object context;
        final Thread thread;
        volatile boolean stopRequested;
        volatile T value;
        volatile Throwable failure;

        Running(Work<T> work) {
            this.work = work;
            this.context = work.captureContext();
            this.thread = new Thread(() -> {
                try {
                    value = work.call(new Work.Progress() {
                        @Override
                        public void update(double fraction, String message) {
                            // not shown in tests
                        }

                        @Override
                        public boolean isCancelled() {
                            return stopRequested;
                        }
                    });
                } catch (Throwable t) {
                    failure = t;
                }
            }, "test-worker");
        }

        void stop() {
            stopRequested = true;
            if (work.isInterruptedByCancel()) {
                thread.interrupt();
            }
        }

        void deliver() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            if (thread.isAlive()) {
                throw new AssertionError("the work did not end");
            }
            boolean cancelled = stopRequested && work.isInterruptedByCancel();
            work.deliver(context, failure == null, value, failure, cancelled);
        }
    }

    @Override
    public <T> UiExecutor.Running run(Work<T> work) {
        Running<T> r = new Running<>(work);
        started.add(r);
        r.thread.start();
        return r::stop;
    }

    @Override
    public void cancelRunning() {
        started.forEach(Running::stop);
    }

    /** Waits for every started call, then runs its handlers here, in start order. */
    void deliverAll() throws InterruptedException {
        List<Running<?>> now = new ArrayList<>(started);
        started.clear();
        for (Running<?> r : now) {
            r.deliver();
        }
    }

    @Override
    public void close() {
        cancelRunning();
    }
}
