package dev.wifdesk.sandbox.gitlab;

import java.time.Instant;
import java.util.Map;

/**
 * One job of a sandbox pipeline, run as a GitLab runner would run it from the committed
 * {@code .gitlab-ci.yml}: the job's variables and environment resolved ({@link JobPlan}), an ID
 * token minted for each {@code id_tokens:} entry (none without it), then the script interpreted
 * ({@link ScriptInterpreter}). The trace shows each line and Google's error texts verbatim; never a token.
 */
final class JobRun {
    private final GitLabStore store;
    private final JobRecord job;
    private final RunnerSettings settings;
    private final IdTokenIssuer tokens;
    private final JobTrace trace;

    /** Mints the job's ID token (the sandbox's minter, bound to the store's seeded data). */
    interface IdTokenIssuer {
        String mint(IdTokenRequest request);
    }

    JobRun(GitLabStore store, JobRecord job, RunnerSettings settings, IdTokenIssuer tokens) {
        this.store = store;
        this.job = job;
        this.settings = settings;
        this.tokens = tokens;
        this.trace = new JobTrace(store, job);
    }

    /** Runs the job to its end; true when it succeeded. */
    boolean run() {
        Instant started = store.clock().instant();
        if (store.read(() -> job.canceled)) {
            return false;
        }
        store.update(job, j -> {
            j.status = "running";
            j.startedAt = started;
        });
        String reason = null;
        try {
            header();
            script(started.plus(settings.jobTimeout()));
        } catch (JobFailed e) {
            reason = e.reason;
        } catch (JobFailed.Canceled e) {
            trace.error("Job failed: canceled");
            return false;
        } catch (RuntimeException e) {
            trace.error("the sandbox runner failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            reason = "runner_system_failure";
        }
        return finish(reason);
    }

    /** Marks the job as failed without running it (runner saturated or shutting down). */
    void reject(String why) {
        trace.error(why);
        finish("runner_system_failure");
    }

    private void stopIfCanceled() {
        if (store.read(() -> job.canceled)) {
            throw new JobFailed.Canceled();
        }
    }

    private void header() {
        trace.line("Running with gitlab-runner 17.5.0 (sandbox)");
        trace.line("  on sandbox-runner " + IdTokenMinter.RUNNER_ID + ", system ID: s_sandbox0001");
        trace.sectionStart("prepare_executor", "Preparing the \"shell\" executor");
        trace.line("Using Shell (bash) executor...");
        trace.sectionEnd("prepare_executor");
        trace.sectionStart("get_sources", "Getting source from Git repository");
        trace.line("Checking out " + job.pipeline.ref.sha().substring(0, 8) + " as detached HEAD (ref is "
                + job.pipeline.ref.name() + ")...");
        trace.sectionEnd("get_sources");
    }

    private void script(Instant deadline) throws JobFailed {
        trace.sectionStart("step_script", "Executing \"step_script\" stage of the job script");
        JobPlan plan = JobPlan.of(store, job, trace, settings);
        if (plan.environment() != null) {
            IdTokenRequest.Environment env = plan.environment();
            trace.line("Environment: " + env.name() + " (" + (env.isProtected() ? "protected" : "not protected")
                    + ", tier " + env.tier() + ")");
        }
        Map<String, String> variables = new java.util.LinkedHashMap<>(plan.variables());
        plan.idTokens().forEach((name, request) -> {
            String token = tokens.mint(request);
            trace.mask(token);
            variables.put(name, token);
        });
        GcloudCommands gcloud = new GcloudCommands(settings, store.clock(), trace, this::stopIfCanceled,
                job.pipeline.project.pathWithNamespace());
        try {
            new ScriptInterpreter(variables, trace, gcloud).run(job.definition.script(), deadline);
        } finally {
            gcloud.cleanUp();
            trace.sectionEnd("step_script");
        }
    }

    private boolean finish(String failureReason) {
        Instant now = store.clock().instant();
        if (failureReason == null) {
            trace.line("\u001b[32;1mJob succeeded\u001b[0;m");
        } else if (!"job_execution_timeout".equals(failureReason)) {
            trace.error("Job failed: exit code 1");
        }
        store.update(job, j -> {
            if (j.canceled) {
                return;
            }
            j.status = failureReason == null ? "success" : "failed";
            j.failureReason = failureReason;
            if (j.startedAt == null) {
                j.startedAt = now;
            }
            j.finishedAt = now;
        });
        return failureReason == null;
    }
}
