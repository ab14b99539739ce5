package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.JobMessage;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.dataflow.model.RuntimeEnvironment;
import dev.wifdesk.model.CatalogueFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dataflow verifies the worker ("controller") service account when the job starts: without
 * roles/dataflow.worker the job goes JOB_STATE_FAILED and {@code jobs.messages.list} carries
 * catalogue #23 with the account; with it, the job runs to DONE and only the healthy line shows.
 * Through google-api-services-dataflow; texts from the verbatim fixture.
 */
class DataflowJobStartTest {
    private static final String WORD_COUNT = "gs://dataflow-templates-us-central1/latest/Word_Count";
    private static final String HEALTHY = "Checking permissions granted to controller Service Account.";
    private final SandboxFixture fx = new SandboxFixture();
    private final Dataflow dataflow = fx.clients.dataflow();

    @AfterEach
    void stop() {
        fx.close();
    }

    private Job launch(String worker, boolean validateOnly) throws Exception {
        RuntimeEnvironment env = new RuntimeEnvironment().setTempLocation("gs://wifdesk-sandbox/tmp");
        if (worker != null) {
            env.setServiceAccountEmail(worker);
        }
        var params = new LaunchTemplateParameters().setJobName("wordcount-start-check").setEnvironment(env)
                .setParameters(Map.of("inputFile", "gs://dataflow-samples/shakespeare/kinglear.txt", "output", "gs://b/out"));
        return dataflow.projects().locations().templates().launch("sandbox-project", "us-central1", params)
                .setGcsPath(WORD_COUNT).setValidateOnly(validateOnly).execute().getJob();
    }

    private String state(Job job) throws Exception {
        return dataflow.projects().locations().jobs().get("sandbox-project", "us-central1", job.getId()).execute()
                .getCurrentState();
    }

    private List<JobMessage> messages(Job job, String minimumImportance) throws Exception {
        var list = dataflow.projects().locations().jobs().messages().list("sandbox-project", "us-central1", job.getId());
        if (minimumImportance != null) {
            list.setMinimumImportance(minimumImportance);
        }
        List<JobMessage> m = list.execute().getJobMessages();
        return m == null ? List.of() : m;
    }

    @Test
    void workerWithoutTheWorkerRoleFailsAtStartWithText23() throws Exception {
        String worker = fx.createServiceAccount("etl-worker");
        Job job = launch(worker, false);
        assertThat(state(job)).isEqualTo("JOB_STATE_PENDING");
        assertThat(messages(job, null)).as("nothing is checked before the job starts").isEmpty();

        fx.clock.advance(Duration.ofSeconds(1));
        Job failed = dataflow.projects().locations().jobs().get("sandbox-project", "us-central1", job.getId()).execute();
        assertThat(failed.getCurrentState()).isEqualTo("JOB_STATE_FAILED");
        assertThat(failed).doesNotContainKey("workerRoleMissing");
        List<JobMessage> all = messages(job, null);
        assertThat(all).extracting(JobMessage::getMessageImportance)
                .containsExactly("JOB_MESSAGE_DETAILED", "JOB_MESSAGE_ERROR", "JOB_MESSAGE_DETAILED");
        assertThat(all.get(0).getMessageText()).isEqualTo(HEALTHY);
        JobMessage error = all.get(1);
        assertThat(error.getMessageText()).isEqualTo(CatalogueFixture.fill(23, "SA", worker));
        assertThat(error.getId()).isNotBlank();
        assertThat(Instant.parse(error.getTime())).isEqualTo(Instant.parse(job.getCreateTime()).plusSeconds(1));
        assertThat(messages(job, "JOB_MESSAGE_ERROR")).singleElement()
                .satisfies(m -> assertThat(m.getMessageText()).isEqualTo(error.getMessageText()));

        fx.clock.advance(Duration.ofSeconds(10));
        assertThat(state(job)).as("a failed job stays failed").isEqualTo("JOB_STATE_FAILED");
        var list = dataflow.projects().locations().jobs().list("sandbox-project", "us-central1").setFilter("TERMINATED")
                .execute().getJobs();
        assertThat(list).singleElement().satisfies(j -> assertThat(j.getCurrentState()).isEqualTo("JOB_STATE_FAILED"));
    }

    @Test
    void defaultWorkerIsTheComputeAccountAndFailsOnceItLosesEditor() throws Exception {
        String compute = fx.sandbox.computeServiceAccount();
        fx.revokeOnProject("roles/editor", "serviceAccount:" + compute);
        Job job = launch(null, false);
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(state(job)).isEqualTo("JOB_STATE_FAILED");
        assertThat(messages(job, "JOB_MESSAGE_ERROR")).extracting(JobMessage::getMessageText)
                .containsExactly(CatalogueFixture.fill(23, "SA", compute));
    }

    @Test
    void workerWithTheRoleRunsToDoneAndOnlyTheHealthyLineShows() throws Exception {
        String worker = fx.createServiceAccount("etl-worker");
        fx.grantOnProject("roles/dataflow.worker", "serviceAccount:" + worker);
        Job job = launch(worker, false);
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(state(job)).isEqualTo("JOB_STATE_RUNNING");
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(state(job)).isEqualTo("JOB_STATE_DONE");
        assertThat(messages(job, null)).extracting(JobMessage::getMessageText).containsExactly(HEALTHY);
        assertThat(messages(job, "JOB_MESSAGE_WARNING")).isEmpty();
        // the seeded Compute default account is an editor: the default worker passes too
        Job byDefault = launch(null, false);
        fx.clock.advance(Duration.ofSeconds(2));
        assertThat(state(byDefault)).isEqualTo("JOB_STATE_DONE");
    }

    @Test
    void validateOnlyDoesNotStartAJobSoTheWorkerIsNotChecked() throws Exception {
        String worker = fx.createServiceAccount("etl-worker");
        assertThat(launch(worker, true)).isNull();
        assertThat(dataflow.projects().locations().jobs().list("sandbox-project", "us-central1").execute().getJobs())
                .isNullOrEmpty();
    }

    @Test
    void messagesOfAnUnknownJobAreNotFoundAndABadImportanceIsRefused() throws Exception {
        var e = googleError(() -> dataflow.projects().locations().jobs().messages()
                .list("sandbox-project", "us-central1", "2025-01-01_00_00_00-1").execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
        Job job = launch(null, false);
        var bad = googleError(() -> dataflow.projects().locations().jobs().messages()
                .list("sandbox-project", "us-central1", job.getId()).setMinimumImportance("LOUD").execute());
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getDetails().getMessage()).contains("minimumImportance");
    }
}
