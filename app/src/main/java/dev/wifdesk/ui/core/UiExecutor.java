package dev.wifdesk.ui.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where every cloud and disk call of the UI runs, as {@link Work}. The app uses one named daemon
 * pool ({@link DaemonUiExecutor}) and delivers handlers on the FX thread; tests plug in
 * {@link #inline()}, which runs the call and its handlers on the calling thread, so a view model
 * needs no toolkit in its tests.
 */
public interface UiExecutor extends AutoCloseable {
    /** Starts the work; its handlers run later on the handler thread. */
    <T> Running run(Work<T> work);

    /** A started piece of work. */
    interface Running {
        /** Interrupts read-only work; mutating work stops at its next step boundary. */
        void cancel();

        Running DONE = () -> { };
    }

    /**
     * Cancels the work running now and keeps accepting new work (a target switch: the old target's
     * reads). Mutating work is asked to stop between steps, never interrupted mid-call.
     */
    default void cancelRunning() {
        // the inline executor has nothing running between calls
    }

    /** Cancels running work and stops accepting new work (window close). */
    @Override
    void close();

    /** Runs each piece of work, call and handlers, on the calling thread (tests; no toolkit needed). */
    static UiExecutor inline() {
        return new UiExecutor() {
            private final AtomicBoolean closed = new AtomicBoolean();

            @Override
            public <T> Running run(Work<T> work) {
                if (closed.get()) {
                    return Running.DONE;
                }
                Object context = work.captureContext();
                Work.Progress progress = new Work.Progress() {
                    @Override
                    public void update(double fraction, String message) {
                        work.progress(fraction, message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return closed.get();
                    }
                };
                work.runHere(context, progress);
                return Running.DONE;
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }
}
