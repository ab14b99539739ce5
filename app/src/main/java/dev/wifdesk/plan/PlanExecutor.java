package dev.wifdesk.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs exactly the steps of a plan (the plan the user confirmed, never a fresh one; a step planned
 * as {@link Action#NONE} makes no call) as a
 * dependency graph: a step starts once every step it depends on is done, independent steps run
 * side by side up to a bound. A cancel or a failed step stops new steps from starting; the steps
 * already running are never cut off mid-call, the run waits for them. What never started is
 * reported as skipped, so a re-run (which re-plans from the observed state) completes it.
 * Listeners are called on the thread that called {@code run}, one event at a time.
 */
public final class PlanExecutor {
    /** How many steps run at once: enough for the independent reads and writes of a setup, gentle on quotas. */
    public static final int DEFAULT_CONCURRENCY = 4;

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
            throws InterruptedException {
        return run(plan, context, listener, cancelled, DEFAULT_CONCURRENCY);
    }

    /** Without progress or cancel (the command line, tests). */
    public static PlanRun run(Plan plan, ChangeContext context) throws InterruptedException {
        return run(plan, context, new Listener() { }, () -> false);
    }

    public static PlanRun run(Plan plan, ChangeContext context, Listener listener, BooleanSupplier cancelled,
                              int concurrency) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "wifdesk-plan-step-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return new Run(plan, context, listener, cancelled, concurrency, pool).run();
        } finally {
            pool.shutdown();
        }
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

    /** One run's bookkeeping: what is waiting, running and done. */
    private static final class Run {
        private final Plan plan;
        private final ChangeContext context;
        private final Listener listener;
        private final BooleanSupplier cancelled;
        private final int concurrency;
        private final ExecutorCompletionService<StepResult> completions;
        private final List<Step> waiting;
        private final Set<String> done = new HashSet<>();
        private final Map<String, StepResult> results = new HashMap<>();
        private int running;
        private int started;
        private boolean stopping;
        private boolean wasCancelled;

        Run(Plan plan, ChangeContext context, Listener listener, BooleanSupplier cancelled, int concurrency,
            ExecutorService pool) {
            this.plan = plan;
            this.context = context;
            this.listener = listener;
            this.cancelled = cancelled;
            this.concurrency = concurrency;
            this.completions = new ExecutorCompletionService<>(pool);
            this.waiting = new ArrayList<>(plan.steps());
        }

        PlanRun run() throws InterruptedException {
            boolean interrupted = false;
            while (true) {
                if (!stopping && (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted() || interrupted)) {
                    stopping = true;
                    wasCancelled = true;
                }
                if (!stopping) {
                    startReady();
                }
                if (running == 0) {
                    break;
                }
                try {
                    record(completions.take());
                } catch (InterruptedException e) {
                    // a cancel: the running steps are mutations, wait for them (never cut one off)
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Map<String, StepResult> ordered = new LinkedHashMap<>();
            plan.steps().forEach(s -> {
                if (results.containsKey(s.id())) {
                    ordered.put(s.id(), results.get(s.id()));
                }
            });
            return new PlanRun(List.copyOf(ordered.values()), waiting, wasCancelled, context.audited().auditFailures());
        }

        private void startReady() {
            for (var it = waiting.iterator(); it.hasNext() && running < concurrency; ) {
                Step step = it.next();
                if (done.containsAll(step.dependsOn())) {
                    it.remove();
                    listener.starting(started++, plan.steps().size(), step);
                    running++;
                    completions.submit(() -> apply(step));
                }
            }
        }

        private StepResult apply(Step step) {
            if (!step.changes()) {
                // confirmed as "nothing to do": never make a change the user was not shown
                return new StepResult(step, Outcome.ALREADY_EXISTS);
            }
            try {
                return new StepResult(step, step.change().apply(context));
            } catch (Exception e) {
                return StepResult.failed(step, e);
            }
        }

        private void record(Future<StepResult> future) throws InterruptedException {
            running--;
            StepResult r;
            try {
                r = future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a plan step threw past its own handler", e.getCause());
            }
            results.put(r.step().id(), r);
            if (r.failed()) {
                stopping = true;
            } else {
                done.add(r.step().id());
            }
            listener.finished(r);
        }
    }
}
