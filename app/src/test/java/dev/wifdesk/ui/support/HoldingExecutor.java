package dev.wifdesk.ui.support;

import dev.wifdesk.ui.core.UiExecutor;
import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;

/**
 * Holds every task instead of running it, so a test can look at the screen while work is "in
 * flight", then run it ({@link #runAll()}) or cancel it as a target switch does ({@link #cancelRunning()}).
 * Call it on the FX thread (through {@link Fx}).
 */
public final class HoldingExecutor implements UiExecutor {
    public final List<Task<?>> held = new ArrayList<>();

    @Override
    public void execute(Task<?> task) {
        held.add(task);
    }

    /** Runs the held tasks in order (their handlers follow on the FX thread). */
    public void runAll() {
        List<Task<?>> now = new ArrayList<>(held);
        held.clear();
        now.forEach(Task::run);
    }

    @Override
    public void cancelRunning() {
        held.forEach(t -> t.cancel(true));
        held.clear();
    }

    @Override
    public void close() {
        cancelRunning();
    }
}
