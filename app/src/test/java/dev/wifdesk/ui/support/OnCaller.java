package dev.wifdesk.ui.support;

import java.util.concurrent.Callable;

/**
 * Runs view-model code right here, on the test thread, with no toolkit: the view models of
 * Diagnostics use JavaFX properties only and their work runs inline ({@code UiExecutor.inline()}),
 * so they need no FX thread. The same calls as {@link Fx}, so a test reads the same either way.
 */
public final class OnCaller {
    private OnCaller() {
    }

    public static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(Runnable work) {
        work.run();
    }
}
