package dev.wifdesk.ui.core;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One unit of background work of the UI, with no JavaFX in it (as JabRef's BackgroundTask): a
 * call, handlers for success / failure / finally, and progress. A {@link UiExecutor} runs it:
 * the app's executor on a daemon thread with the handlers on the FX thread, the
 * {@linkplain UiExecutor#inline() inline} one on the caller, so view models are tested without a toolkit.
 *
 * <p>Bound to a context ({@link #boundTo}): the executor reads the context when the work starts
 * and again before each handler; when it changed (a target switch), success and failure are
 * dropped in this one place and only {@code onFinally} runs, so a screen never stays busy.
 *
 * <p>Mutating work ({@link #mutating()}) is never interrupted mid-call: a cancel only raises
 * {@link Progress#isCancelled()}, which the call checks between its steps.
 */
public final class Work<T> {
    /** The background part; it may report progress and should check for a cancel between steps. */
    @FunctionalInterface
    public interface Call<T> {
        T call(Progress progress) throws Exception;
    }

    /** What the call sees of its runner. */
    public interface Progress {
        /** {@code fraction} in 0..1, or negative for "unknown"; {@code message} one line for the user. */
        void update(double fraction, String message);

        boolean isCancelled();

        /** A progress that reports nowhere and is never cancelled. */
        Progress NONE = new Progress() {
            @Override
            public void update(double fraction, String message) {
                // nowhere to report
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    /** Thrown by a call that stopped between steps because it was cancelled. */
    public static final class CancelledException extends Exception {
        public CancelledException() {
            super("cancelled", null, false, false);
        }
    }

    private final Call<T> call;
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = t -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinally = () -> { };
    private BiConsumer<Double, String> onProgress = (f, m) -> { };
    private Supplier<?> context = () -> null;
    private boolean mutating;

    private Work(Call<T> call) {
        this.call = Objects.requireNonNull(call);
    }

    /** Work that needs no progress. */
    public static <T> Work<T> of(java.util.concurrent.Callable<T> call) {
        Objects.requireNonNull(call);
        return new Work<>(p -> call.call());
    }

    /** Work of several steps that reports progress and checks for a cancel between them. */
    public static <T> Work<T> steps(Call<T> call) {
        return new Work<>(call);
    }

    public Work<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    public Work<T> onFailure(Consumer<Throwable> handler) {
        this.onFailure = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs when the work was cancelled (a target switch or the user), or its context changed. */
    public Work<T> onCancelled(Runnable handler) {
        this.onCancelled = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs after success, failure or cancel, always, on the handler thread. */
    public Work<T> onFinally(Runnable handler) {
        this.onFinally = Objects.requireNonNull(handler);
        return this;
    }

    /** Progress as the call reports it, delivered on the handler thread. */
    public Work<T> onProgress(BiConsumer<Double, String> handler) {
        this.onProgress = Objects.requireNonNull(handler);
        return this;
    }

    /**
     * Results are delivered only while {@code context} still gives what it gave at the start
     * (compared with {@code equals}); otherwise the work counts as cancelled.
     */
    public Work<T> boundTo(Supplier<?> context) {
        this.context = Objects.requireNonNull(context);
        return this;
    }

    /** A change to the cloud: cancelled only between steps, never interrupted mid-call. */
    public Work<T> mutating() {
        this.mutating = true;
        return this;
    }

    /**
     * The cancel rule every executor follows: read-only work is interrupted, so a failure after a
     * stop request is the interrupt and counts as a cancel; mutating work is never interrupted, so
     * its failure stays a failure.
     */
    public boolean isInterruptedByCancel() {
        return !mutating;
    }

    // --- for executors ---

    /** Reads the context now; the executor keeps it until delivery. */
    public Object captureContext() {
        return context.get();
    }

    /** Whether the context is still the one captured at the start. */
    public boolean isCurrent(Object captured) {
        return Objects.equals(captured, context.get());
    }

    public T call(Progress progress) throws Exception {
        return call.call(progress);
    }

    public void progress(double fraction, String message) {
        onProgress.accept(fraction, message);
    }

    /** Runs the call on this thread, then delivers its outcome here (executors that run on the caller). */
    public void runHere(Object captured, Progress progress) {
        T value;
        try {
            value = call(progress);
        } catch (Exception e) {
            deliver(captured, false, null, e, false);
            return;
        }
        deliver(captured, true, value, null, false);
    }

    /** Delivers the outcome: exactly one of success / failure / cancelled, then finally. */
    public void deliver(Object captured, boolean succeeded, T value, Throwable failure, boolean cancelled) {
        try {
            if (cancelled || failure instanceof CancelledException || !isCurrent(captured)) {
                onCancelled.run();
            } else if (succeeded) {
                onSuccess.accept(value);
            } else {
                onFailure.accept(failure);
            }
        } finally {
            onFinally.run();
        }
    }
}
