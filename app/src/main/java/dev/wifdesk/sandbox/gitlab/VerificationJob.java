package dev.wifdesk.sandbox.gitlab;

import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.model.CiContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The verification job a sandbox pipeline runs, as a real CI job would: take the project's
 * CI/CD variables, get an ID token, hand google-auth-library an external_account credential
 * config, impersonate the service account, launch the Dataflow template and follow the job to a
 * terminal state. The trace shows each step and Google's error text verbatim; never the token.
 */
final class VerificationJob {
    static final String JOB_NAME = "wif-verify";
    static final String STAGE = "verify";

    private final GitLabStore store;
    private final JobRecord job;
    private final RunnerSettings settings;
    private final IdTokenIssuer tokens;
    private final JobTrace trace;

    /** Mints the job's ID token (the sandbox's minter, bound to the store's seeded data). */
    interface IdTokenIssuer {
        String mint(IdTokenRequest request);
    }

    private void stopIfCanceled() {
        if (store.read(() -> job.canceled)) {
            throw new JobFailed.Canceled();
        }
    }

    VerificationJob(GitLabStore store, JobRecord job, RunnerSettings settings, IdTokenIssuer tokens) {
        this.store = store;
        this.job = job;
        this.settings = settings;
        this.tokens = tokens;
        this.trace = new JobTrace(store, job);
    }

    void run() {
        Instant started = store.clock().instant();
        if (store.read(() -> job.canceled)) {
            return;
        }
        store.update(job, j -> {
            j.status = "running";
            j.startedAt = started;
            j.pipeline.status = "running";
            j.pipeline.startedAt = started;
        });
        Instant deadline = started.plus(settings.jobTimeout());
        String reason = null;
        try {
            header();
            script(deadline);
        } catch (JobFailed e) {
            reason = e.reason;
        } catch (JobFailed.Canceled e) {
            trace.error("Job failed: canceled");
            return;
        } catch (RuntimeException e) {
            trace.error("the sandbox runner failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            reason = "runner_system_failure";
        }
        finish(reason);
    }

    /** Marks the job as failed without running it (runner saturated or shutting down). */
    void reject(String why) {
        trace.error(why);
        finish("runner_system_failure");
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
        VisibleVariables vars = VisibleVariables.of(store, job, trace);
        String provider = vars.require(CiContract.PROVIDER);
        String serviceAccount = vars.require(CiContract.SERVICE_ACCOUNT);
        String audience = vars.getOrDefault(CiContract.ID_TOKEN_AUD, GitLabSandbox.ISSUER);
        IdTokenRequest request = IdTokenRequest.forAudience(audience)
                .withRef(job.pipeline.ref.name())
                .withUser(job.pipeline.user.username())
                .withPipeline(job.pipeline.id, job.id)
                .withPipelineSource(job.pipeline.source)
                .withLifetime(settings.jobTimeout());
        String environment = vars.get(CiContract.ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            IdTokenRequest.Environment env = Environments.of(environment.trim());
            request = request.withEnvironment(env);
            trace.line("Environment: " + env.name() + " (" + (env.isProtected() ? "protected" : "not protected")
                    + ", tier " + env.tier() + ")");
        }
        if (settings.googleBase() == null) {
            trace.error("this sandbox GitLab has no Google endpoint to talk to (start it through the Sandbox facade)");
            throw new JobFailed("script_failure");
        }
        String idToken = tokens.mint(request);
        trace.mask(idToken);

        Path tokenFile = null;
        try {
            tokenFile = PrivateFiles.createTemp("gitlab-id-token-", ".jwt");
            Files.writeString(tokenFile, idToken, StandardCharsets.UTF_8);
            trace.command("echo \"${GITLAB_OIDC_TOKEN}\" > \"${CI_BUILDS_DIR}/.gitlab_oidc_token\"");
            String config = FederatedLogin.credentialConfig(provider, serviceAccount, tokenFile);
            trace.command("gcloud auth login --cred-file=\"${GOOGLE_APPLICATION_CREDENTIALS}\"");
            trace.line("Workload identity provider: " + provider);
            trace.line("ID token audience: " + audience);
            stopIfCanceled();
            GoogleCredentials credentials = new FederatedLogin(settings.googleBase(), trace).authenticate(config, serviceAccount);
            stopIfCanceled();
            new DataflowLaunch(settings, store.clock(), job.pipeline.id, trace, this::stopIfCanceled)
                    .launchAndFollow(vars, credentials, deadline);
        } catch (IOException e) {
            trace.error("cannot write the ID token file: " + e.getMessage());
            throw new JobFailed("script_failure");
        } finally {
            if (tokenFile != null) {
                try {
                    Files.deleteIfExists(tokenFile);
                } catch (IOException ignored) {
                    tokenFile.toFile().deleteOnExit();
                }
            }
            trace.sectionEnd("step_script");
        }
    }

    private void finish(String failureReason) {
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
            j.pipeline.status = j.status;
            if (j.pipeline.startedAt == null) {
                j.pipeline.startedAt = now;
            }
            j.pipeline.finishedAt = now;
        });
    }
}
