package dev.wifdesk.ui.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * The app's one background pool: named daemon threads, so a hung call never keeps the JVM alive.
 * This is the only place where {@link Work} becomes a JavaFX {@link Task}: the call runs on the
 * pool, progress and handlers on the FX thread.
 */
public final class DaemonUiExecutor implements UiExecutor {
    private final ExecutorService pool;
    private final Set<WorkTask<?>> running = ConcurrentHashMap.newKeySet();

    public DaemonUiExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "wifdesk-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newCachedThreadPool(threads);
    }

    @Override
    public <T> Running run(Work<T> work) {
        WorkTask<T> task = new WorkTask<>(work);
        start(task);
        return task::stop;
    }

    private void start(WorkTask<?> task) {
        running.add(task);
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                running.remove(task);
            }
        });
        pool.execute(task);
    }

    @Override
    public void cancelRunning() {
        running.forEach(WorkTask::stop);
    }

    @Override
    public void close() {
        running.forEach(WorkTask::stop);
        running.clear();
        pool.shutdownNow();
    }

    /** A Work as an FX task; the context is read on the FX thread when the task is made. */
    private static final class WorkTask<T> extends Task<T> {
        private final Work<T> work;
        private final Object context;
        private volatile boolean stopRequested;

        WorkTask(Work<T> work) {
            this.work = work;
            this.context = work.captureContext();
            setOnSucceeded(e -> work.deliver(context, true, getValue(), null, false));
            setOnFailed(e -> work.deliver(context, false, null, getException(), stopRequested && work.isInterruptedByCancel()));
            setOnCancelled(e -> work.deliver(context, false, null, null, true));
            messageProperty().addListener((o, a, b) -> work.progress(getProgress(), b));
        }

        @Override
        protected T call() throws Exception {
            return work.call(new Work.Progress() {
                @Override
                public void update(double fraction, String message) {
                    updateProgress(fraction < 0 ? -1 : fraction, 1);
                    updateMessage(message == null ? "" : message);
                }

                @Override
                public boolean isCancelled() {
                    return stopRequested || WorkTask.this.isCancelled();
                }
            });
        }

        /** Read-only work is interrupted; mutating work only learns of the cancel at its next step. */
        void stop() {
            stopRequested = true;
            if (work.isInterruptedByCancel()) {
                cancel(true);
            }
        }
    }
}
