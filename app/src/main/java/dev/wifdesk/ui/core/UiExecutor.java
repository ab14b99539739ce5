package dev.wifdesk.ui.core;

import javafx.concurrent.Task;

/**
 * Where every cloud and disk call of the UI runs. The app uses one named daemon pool; tests
 * plug in {@link #synchronous()} so a click runs its task to the end before the next assertion.
 */
public interface UiExecutor extends AutoCloseable {
    /** Starts the task; results come back through the task's handlers on the FX thread. */
    void execute(Task<?> task);

    /** Cancels running tasks and stops accepting new ones (window close). */
    @Override
    void close();

    /** Runs each task on the calling thread (tests). */
    static UiExecutor synchronous() {
        return new UiExecutor() {
            @Override
            public void execute(Task<?> task) {
                task.run();
            }

            @Override
            public void close() {
                // nothing runs in the background
            }
        };
    }
}
