package dev.wifdesk.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a plan's steps in order, exactly the steps given (the plan the user confirmed, never a
 * fresh one). A cancel is honoured only between steps, so a change is never cut off mid-call; a
 * failing step stops the run and its exception propagates (it was audited as failed).
 */
public final class PlanExecutor {
    /** Hears each step before it starts and after it ends. */
    public interface Listener {
        default void starting(int index, int total, Step step) {
        }

        default void finished(StepResult result) {
        }
    }

    private PlanExecutor() {
    }

    public static PlanRun run(Plan plan, ChangeContext context, Listener listener, BooleanSupplier cancelled)
            throws Exception {
        List<StepResult> results = new ArrayList<>();
        List<Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return new PlanRun(results, true, context.audited().auditFailures());
            }
            Step step = steps.get(i);
            listener.starting(i, steps.size(), step);
            StepResult r = new StepResult(step, step.change().apply(context));
            results.add(r);
            listener.finished(r);
        }
        return new PlanRun(results, false, context.audited().auditFailures());
    }

    /** Without progress or cancel (the command line, tests). */
    public static PlanRun run(Plan plan, ChangeContext context) throws Exception {
        return run(plan, context, new Listener() { }, () -> false);
    }

    /** Collects results as they land (a convenience for callers that only want the list). */
    public static Listener onEach(Consumer<StepResult> each) {
        return new Listener() {
            @Override
            public void finished(StepResult result) {
                each.accept(result);
            }
        };
    }
}
