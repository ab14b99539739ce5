package dev.wifdesk.sandbox.gitlab;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs pipelines in the background, two at a time, a short queue (a pipeline that does not fit
 * fails at once: a real runner would leave it pending; the sandbox prefers an answer). A pipeline's
 * jobs run stage by stage in file order; after a stage with a failed job the later jobs are
 * skipped, as GitLab does; the pipeline fails when a job failed.
 */
final class SandboxRunner implements AutoCloseable {
    private final GitLabStore store;
    private final RunnerSettings settings;
    private final JobRun.IdTokenIssuer tokens;
    private final ThreadPoolExecutor executor;

    SandboxRunner(GitLabStore store, RunnerSettings settings, JobRun.IdTokenIssuer tokens) {
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
        List<JobRecord> jobs = store.read(() -> List.copyOf(pipeline.jobs));
        for (JobRecord job : jobs) {
            store.update(job, j -> {
                j.status = "pending";
                j.pipeline.status = "pending";
            });
        }
        try {
            executor.execute(() -> run(pipeline, jobs));
        } catch (RejectedExecutionException e) {
            jobs.forEach(job -> new JobRun(store, job, settings, tokens).reject("the sandbox runner is busy or stopping; try again"));
            finish(pipeline, "failed");
        }
    }

    private void run(PipelineRecord pipeline, List<JobRecord> jobs) {
        Instant started = store.clock().instant();
        store.updatePipeline(pipeline, p -> {
            if (!p.status.equals("canceled")) {
                p.status = "running";
                p.startedAt = started;
            }
        });
        String failedStage = null;
        boolean failed = false;
        for (JobRecord job : jobs) {
            if (failedStage != null && !failedStage.equals(job.stage)) {
                store.update(job, j -> {
                    if (!j.canceled) {
                        j.status = "skipped";
                    }
                });
                continue;
            }
            if (!new JobRun(store, job, settings, tokens).run() && !store.read(() -> job.canceled)) {
                failed = true;
                failedStage = job.stage;
            }
        }
        finish(pipeline, failed ? "failed" : "success");
    }

    private void finish(PipelineRecord pipeline, String status) {
        Instant now = store.clock().instant();
        store.updatePipeline(pipeline, p -> {
            if (!p.status.equals("canceled")) {
                p.status = status;
                if (p.startedAt == null) {
                    p.startedAt = now;
                }
                p.finishedAt = now;
            }
        });
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
