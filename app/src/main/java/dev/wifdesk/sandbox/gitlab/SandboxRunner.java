package dev.wifdesk.sandbox.gitlab;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs pipelines' verification jobs in the background: two at a time, a short queue, and a
 * job that does not fit is failed at once (a real runner would leave it pending; the sandbox
 * prefers an answer).
 */
final class SandboxRunner implements AutoCloseable {
    private final GitLabStore store;
    private final RunnerSettings settings;
    private final VerificationJob.IdTokenIssuer tokens;
    private final ThreadPoolExecutor executor;

    SandboxRunner(GitLabStore store, RunnerSettings settings, VerificationJob.IdTokenIssuer tokens) {
        this.store = store;
        this.settings = settings;
        this.tokens = tokens;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(32), r -> {
            Thread t = new Thread(r, "sandbox-gitlab-runner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void submit(PipelineRecord pipeline) {
        for (JobRecord job : store.read(() -> java.util.List.copyOf(pipeline.jobs))) {
            store.update(job, j -> {
                j.status = "pending";
                j.pipeline.status = "pending";
            });
            VerificationJob work = new VerificationJob(store, job, settings, tokens);
            try {
                executor.execute(work::run);
            } catch (RejectedExecutionException e) {
                work.reject("the sandbox runner is busy or stopping; try again");
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
