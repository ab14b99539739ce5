package dev.wifdesk.ui.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/** The app's one background pool: named daemon threads, so a hung call never keeps the JVM alive. */
public final class DaemonUiExecutor implements UiExecutor {
    private final ExecutorService pool;
    private final Set<Task<?>> running = ConcurrentHashMap.newKeySet();

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
    public void execute(Task<?> task) {
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
        running.forEach(t -> t.cancel(true));
    }

    @Override
    public void close() {
        running.forEach(t -> t.cancel(true));
        running.clear();
        pool.shutdownNow();
    }
}
