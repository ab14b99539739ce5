package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.dataflow.model.LaunchTemplateResponse;
import com.google.api.services.dataflow.model.RuntimeEnvironment;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.SandboxRouting;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.CiContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verification job a sandbox pipeline runs, as a real CI job would: take the project's
 * CI/CD variables, get an ID token, hand google-auth-library an external_account credential
 * config, impersonate the service account, launch the Dataflow template and follow the job to a
 * terminal state. The trace shows each step and Google's error text verbatim; never the token.
 */
final class VerificationJob {
    static final String JOB_NAME = "wif-verify";
    static final String STAGE = "verify";
    static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    private static final Set<String> TERMINAL_STATES = Set.of("JOB_STATE_DONE", "JOB_STATE_FAILED",
            "JOB_STATE_CANCELLED", "JOB_STATE_UPDATED", "JOB_STATE_DRAINED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitLabStore store;
    private final JobRecord job;
    private final RunnerSettings settings;
    private final IdTokenIssuer tokens;
    private final JobTrace trace;

    /** Mints the job's ID token (the sandbox's minter, bound to the store's seeded data). */
    interface IdTokenIssuer {
        String mint(IdTokenRequest request);
    }

    /** Ends the job early with a failure whose message is already in the trace. */
    private static final class JobFailed extends Exception {
        final String reason;

        JobFailed(String reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }

    /** The job was canceled through the API while it ran. */
    private static final class Canceled extends RuntimeException {
        Canceled() {
            super(null, null, false, false);
        }
    }

    private void stopIfCanceled() {
        if (store.read(() -> job.canceled)) {
            throw new Canceled();
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
        } catch (Canceled e) {
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
        Map<String, String> vars = variables();
        String provider = require(vars, CiContract.PROVIDER);
        String serviceAccount = require(vars, CiContract.SERVICE_ACCOUNT);
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
            String config = credentialConfig(provider, serviceAccount, tokenFile);
            trace.command("gcloud auth login --cred-file=\"${GOOGLE_APPLICATION_CREDENTIALS}\"");
            trace.line("Workload identity provider: " + provider);
            trace.line("ID token audience: " + audience);
            stopIfCanceled();
            GoogleCredentials credentials = authenticate(config, serviceAccount);
            stopIfCanceled();
            launchAndFollow(vars, credentials, deadline);
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

    /** Project variables visible to this job (protected ones only on protected refs), then pipeline overrides. */
    private Map<String, String> variables() {
        PipelineRecord p = job.pipeline;
        String environment = p.variables.get(CiContract.ENVIRONMENT);
        Map<String, String> out = new LinkedHashMap<>();
        // inherited group variables first, then the project's own (they win on equal keys)
        List<CiVariable> all = new java.util.ArrayList<>(store.inheritedVariables(p.project));
        all.addAll(store.variables(GitLabStore.projectOwner(p.project.id())));
        if (environment == null) {
            environment = all.stream().filter(v -> v.key().equals(CiContract.ENVIRONMENT) && v.environmentScope().equals("*"))
                    .map(CiVariable::value).findFirst().orElse(null);
        }
        String env = environment;
        // wildcard first, then specific scopes win (GitLab prefers the most specific scope)
        all.stream().filter(v -> v.environmentScope().equals("*")).filter(v -> visible(v, p)).forEach(v -> put(out, v));
        all.stream().filter(v -> !v.environmentScope().equals("*") && v.appliesTo(env)).filter(v -> visible(v, p))
                .forEach(v -> put(out, v));
        out.putAll(p.variables);
        return out;
    }

    private void put(Map<String, String> out, CiVariable v) {
        if (v.masked()) {
            trace.mask(v.value());
        }
        out.put(v.key(), v.value());
    }

    private static boolean visible(CiVariable v, PipelineRecord p) {
        return !v.isProtected() || p.ref.isProtected();
    }

    private String require(Map<String, String> vars, String key) throws JobFailed {
        String v = vars.get(key);
        if (v == null || v.isBlank()) {
            trace.error(key + " is not set for this job (CI/CD variables of " + job.pipeline.project.pathWithNamespace()
                    + "; protected variables only reach protected refs)");
            throw new JobFailed("script_failure");
        }
        return v.trim();
    }

    /** WIRE-FORMATS' credential config (model's CI contract): no secret in it, the token comes from the file. */
    static String credentialConfig(String provider, String serviceAccount, Path tokenFile) {
        return CiContract.credentialConfig(provider, serviceAccount, tokenFile.toAbsolutePath().toString());
    }

    private GoogleCredentials authenticate(String config, String serviceAccount) throws JobFailed {
        try {
            GoogleCredentials credentials = GoogleCredentials.fromStream(
                    new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)),
                    () -> SandboxRouting.transport(settings.googleBase()))
                    .createScoped(List.of(CLOUD_PLATFORM_SCOPE));
            credentials.refresh();
            trace.line("Exchanged the ID token at " + CiContract.STS_TOKEN_URL + " and impersonated " + serviceAccount);
            return credentials;
        } catch (IOException | RuntimeException e) {
            trace.error("authentication failed");
            errorChain(e);
            throw new JobFailed("script_failure");
        }
    }

    private void launchAndFollow(Map<String, String> vars, GoogleCredentials credentials, Instant deadline)
            throws JobFailed {
        String template = vars.get(CiContract.DATAFLOW_TEMPLATE);
        if (template == null || template.isBlank()) {
            trace.line("DATAFLOW_TEMPLATE is not set: authentication verified, no Dataflow launch requested.");
            return;
        }
        String project = require(vars, CiContract.DATAFLOW_PROJECT);
        String region = require(vars, CiContract.DATAFLOW_REGION);
        Map<String, String> parameters = parameters(vars.get(CiContract.DATAFLOW_PARAMETERS));
        RuntimeEnvironment environment = new RuntimeEnvironment();
        if (vars.get(CiContract.DATAFLOW_TEMP_LOCATION) != null) {
            environment.setTempLocation(vars.get(CiContract.DATAFLOW_TEMP_LOCATION));
        }
        if (vars.get(CiContract.DATAFLOW_SERVICE_ACCOUNT) != null) {
            environment.setServiceAccountEmail(vars.get(CiContract.DATAFLOW_SERVICE_ACCOUNT));
        }
        LaunchTemplateParameters launch = new LaunchTemplateParameters()
                .setJobName("wifdesk-verify-" + job.pipeline.id)
                .setParameters(parameters)
                .setEnvironment(environment);
        // the runner has no operator identity: only dataflow(credentials), the impersonated SA, is used
        Dataflow dataflow = new GoogleClients(Target.sandbox(settings.googleBase(), "", "sandbox-runner"))
                .dataflow(credentials);
        trace.command("gcloud dataflow jobs run wifdesk-verify-" + job.pipeline.id + " --gcs-location=" + template
                + " --region=" + region + " --project=" + project);
        Job created;
        try {
            LaunchTemplateResponse response = dataflow.projects().locations().templates()
                    .launch(project, region, launch).setGcsPath(template).execute();
            created = response.getJob();
        } catch (IOException | RuntimeException e) {
            trace.error("Dataflow template launch failed");
            errorChain(e);
            throw new JobFailed("script_failure");
        }
        if (created == null || created.getId() == null) {
            trace.error("Dataflow answered without a job");
            throw new JobFailed("script_failure");
        }
        trace.line("Dataflow job " + created.getId() + " created, state " + created.getCurrentState());
        follow(dataflow, project, region, created, deadline);
    }

    private void follow(Dataflow dataflow, String project, String region, Job created, Instant deadline)
            throws JobFailed {
        String state = created.getCurrentState();
        String last = state;
        while (state == null || !TERMINAL_STATES.contains(state)) {
            sleep(settings.pollInterval());
            stopIfCanceled();
            try {
                state = dataflow.projects().locations().jobs().get(project, region, created.getId()).execute()
                        .getCurrentState();
            } catch (IOException | RuntimeException e) {
                trace.error("cannot read Dataflow job " + created.getId());
                errorChain(e);
                throw new JobFailed("script_failure");
            }
            // a real runner kills the script at the timeout: a state seen later does not count
            if (store.clock().instant().isAfter(deadline)) {
                trace.error("Job failed: execution took longer than " + describe(settings.jobTimeout()) + " seconds");
                throw new JobFailed("job_execution_timeout");
            }
            if (state != null && !state.equals(last)) {
                trace.line("Dataflow job " + created.getId() + " state: " + state);
                last = state;
            }
        }
        if (!"JOB_STATE_DONE".equals(state)) {
            trace.error("Dataflow job " + created.getId() + " ended in " + state);
            throw new JobFailed("script_failure");
        }
    }

    private Map<String, String> parameters(String json) throws JobFailed {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
            return out;
        } catch (IOException e) {
            trace.error("DATAFLOW_PARAMETERS must be a JSON object of strings, like {\"inputFile\":\"gs://...\"}");
            throw new JobFailed("script_failure");
        }
    }

    /** Google's error texts verbatim: each distinct message in the cause chain, JSON bodies included. */
    private void errorChain(Throwable e) {
        String previous = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof GoogleJsonResponseException g && g.getDetails() != null) {
                message = g.getStatusCode() + " " + g.getDetails().getMessage();
            }
            if (message != null && !message.equals(previous)) {
                for (String line : message.split("\\R")) {
                    trace.line(line);
                }
                previous = message;
            }
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

    /** Go's duration format, as gitlab-runner prints it: 4s, 5m0s, 1h0m0s. */
    static String describe(Duration d) {
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        return m > 0 ? m + "m" + s + "s" : s + "s";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("runner interrupted");
        }
    }
}
