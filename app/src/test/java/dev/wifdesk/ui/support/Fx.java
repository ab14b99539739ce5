package dev.wifdesk.ui.support;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs view-model code on the FX thread (properties and tasks belong there), with a bounded
 * wait, then drains the FX event queue so the handlers of synchronously run tasks have fired.
 */
public final class Fx {
    private Fx() {
    }

    public static <T> T call(Callable<T> work) {
        try {
            FxToolkit.registerPrimaryStage();
            T result = WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
            // a Task hands its result to the FX thread with Platform.runLater: let those handlers run
            WaitForAsyncUtils.waitForFxEvents();
            return result;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
