package dev.wifdesk.ui.core;

import javafx.concurrent.Task;

/**
 * Where every cloud and disk call of the UI runs. The app uses one named daemon pool; tests
 * plug in {@link #synchronous()}: the work runs to its end on the calling thread, and the task's
 * handlers follow on the FX thread (a Task always delivers through Platform.runLater), so a
 * test only has to drain the FX queue before its next assertion.
 */
public interface UiExecutor extends AutoCloseable {
    /** Starts the task; results come back through the task's handlers on the FX thread. */
    void execute(Task<?> task);

    /** Cancels the tasks running now and keeps accepting new ones (a target switch: the old target's work). */
    default void cancelRunning() {
        // the synchronous executor has nothing running between calls
    }

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
