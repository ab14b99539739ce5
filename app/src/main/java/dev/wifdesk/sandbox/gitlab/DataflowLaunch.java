package dev.wifdesk.sandbox.gitlab;

import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.dataflow.model.LaunchTemplateResponse;
import com.google.api.services.dataflow.model.RuntimeEnvironment;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The job's {@code gcloud dataflow jobs run}: launches the template its arguments name as the
 * impersonated service account and follows the Dataflow job to a terminal state, within the
 * runner's job timeout.
 */
final class DataflowLaunch {
    private static final Set<String> TERMINAL_STATES = Set.of("JOB_STATE_DONE", "JOB_STATE_FAILED",
            "JOB_STATE_CANCELLED", "JOB_STATE_UPDATED", "JOB_STATE_DRAINED");

    private final URI googleBase;
    private final Duration pollInterval;
    private final Duration jobTimeout;
    private final Clock clock;
    private final JobTrace trace;
    private final Runnable checkCanceled;

    /** {@code checkCanceled} throws {@link JobFailed.Canceled} once the job was canceled. */
    DataflowLaunch(RunnerSettings settings, Clock clock, JobTrace trace, Runnable checkCanceled) {
        this.googleBase = settings.googleBase();
        this.pollInterval = settings.pollInterval();
        this.jobTimeout = settings.jobTimeout();
        this.clock = clock;
        this.trace = trace;
        this.checkCanceled = checkCanceled;
    }

    /** What {@code gcloud dataflow jobs run NAME --gcs-location --region --project --staging-location --service-account-email --parameters} says. */
    record Launch(String jobName, String template, String region, String project, String stagingLocation,
                  String serviceAccountEmail, Map<String, String> parameters) {
    }

    void launchAndFollow(Launch launch, GoogleCredentials credentials, Instant deadline) throws JobFailed {
        String project = launch.project();
        String region = launch.region();
        String template = launch.template();
        RuntimeEnvironment environment = new RuntimeEnvironment();
        if (present(launch.stagingLocation())) {
            environment.setTempLocation(launch.stagingLocation());
        }
        if (present(launch.serviceAccountEmail())) {
            environment.setServiceAccountEmail(launch.serviceAccountEmail());
        }
        LaunchTemplateParameters body = new LaunchTemplateParameters()
                .setJobName(launch.jobName())
                .setParameters(launch.parameters())
                .setEnvironment(environment);
        // the runner has no operator identity: only dataflow(credentials), the impersonated SA, is used
        Dataflow dataflow = new GoogleClients(Target.sandbox(googleBase, "", "sandbox-runner"))
                .dataflow(credentials);
        Job created;
        try {
            LaunchTemplateResponse response = dataflow.projects().locations().templates()
                    .launch(project, region, body).setGcsPath(template).execute();
            created = response.getJob();
        } catch (IOException | RuntimeException e) {
            trace.error("Dataflow template launch failed");
            trace.errorChain(e);
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
            sleep(pollInterval);
            checkCanceled.run();
            try {
                state = dataflow.projects().locations().jobs().get(project, region, created.getId()).execute()
                        .getCurrentState();
            } catch (IOException | RuntimeException e) {
                trace.error("cannot read Dataflow job " + created.getId());
                trace.errorChain(e);
                throw new JobFailed("script_failure");
            }
            // a real runner kills the script at the timeout: a state seen later does not count
            if (clock.instant().isAfter(deadline)) {
                trace.error("Job failed: execution took longer than " + describe(jobTimeout) + " seconds");
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

    private static boolean present(String value) {
        return value != null && !value.isBlank();
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
