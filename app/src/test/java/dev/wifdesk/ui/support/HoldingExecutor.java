package dev.wifdesk.ui.support;

import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds every piece of work instead of running it, so a test can look at the
 * screen while work is "in flight", then run it ({@link #runAll()}) or cancel it as a target
 * switch does ({@link #cancelRunning()}). Call it on the FX thread (through {@link Fx}).
 */
public final class HoldingExecutor implements UiExecutor {
    /** Held work, each already bound to the context it would have captured at its start. */
    public final List<HeldWork<?>> heldWork = new ArrayList<>();

    /** A held piece of work and the context it captured when it was submitted. */
    public record HeldWork<T>(Work<T> work, Object context) {
        public void run() {
            work.runHere(context, Work.Progress.NONE);
        }

        public void cancel() {
            work.deliver(context, false, null, null, true);
        }
    }

    @Override
    public <T> Running run(Work<T> work) {
        HeldWork<T> h = new HeldWork<>(work, work.captureContext());
        heldWork.add(h);
        return () -> {
            if (heldWork.remove(h)) {
                h.cancel();
            }
        };
    }

    /** Runs the held work in order, call and handlers on the caller. */
    public void runAll() {
        List<HeldWork<?>> work = new ArrayList<>(heldWork);
        heldWork.clear();
        work.forEach(HeldWork::run);
    }

    @Override
    public void cancelRunning() {
        List<HeldWork<?>> work = new ArrayList<>(heldWork);
        heldWork.clear();
        work.forEach(HeldWork::cancel);
    }

    @Override
    public void close() {
        cancelRunning();
    }
}
