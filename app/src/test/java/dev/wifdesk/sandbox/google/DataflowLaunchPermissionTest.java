package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.dataflow.model.LaunchFlexTemplateParameter;
import com.google.api.services.dataflow.model.LaunchFlexTemplateRequest;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import dev.wifdesk.model.CatalogueFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A launcher without {@code dataflow.jobs.create} gets Dataflow's real 403 (catalogue #27, each cause
 * behind a 16-hex-digit id), before its request body is judged (AIP-211): classic and flex templates,
 * validateOnly too. With roles/dataflow.developer the same bad bodies are 400, and actAs on the
 * worker (#18) is still required.
 */
class DataflowLaunchPermissionTest {
    private static final String WORD_COUNT = "gs://dataflow-templates-us-central1/latest/Word_Count";
    private final SandboxFixture fx = new SandboxFixture();
    private String launcher;
    private Dataflow asLauncher;

    @BeforeEach
    void launcher() throws Exception {
        launcher = fx.createServiceAccount("launcher");
        asLauncher = fx.clients.dataflow(fx.tokenOf(launcher));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static LaunchTemplateParameters wordCount(String jobName) {
        return new LaunchTemplateParameters().setJobName(jobName)
                .setParameters(Map.of("inputFile", "gs://dataflow-samples/shakespeare/kinglear.txt", "output", "gs://b/out"));
    }

    private static void refusedWithText27(Executable call) {
        GoogleJsonResponseException e = googleError(call);
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");
        String message = e.getDetails().getMessage();
        assertThat(message).matches("\\([0-9a-f]{16}\\): Could not create workflow; .*\\([0-9a-f]{16}\\): Permission .*");
        assertThat(message.replaceAll("\\([0-9a-f]{16}\\)", "(ID)"))
                .isEqualTo("(ID): " + CatalogueFixture.fill(27, "PROJECT", "sandbox-project"));
        assertThat(e.getDetails().getErrors()).singleElement().satisfies(err -> {
            assertThat(err.getReason()).isEqualTo("forbidden");
            assertThat(err.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void launcherWithoutJobsCreateGetsText27EvenForABadBody() {
        var templates = asLauncher.projects().locations().templates();
        refusedWithText27(() -> templates.launch("sandbox-project", "us-central1", wordCount("wc")).setGcsPath(WORD_COUNT)
                .execute());
        refusedWithText27(() -> templates.launch("sandbox-project", "us-central1", wordCount("wc")).setGcsPath(WORD_COUNT)
                .setValidateOnly(true).execute());
        // no gcsPath, an invalid job name: still the permission answer, not a 400
        refusedWithText27(() -> templates.launch("sandbox-project", "us-central1", wordCount("Not_A_Job_Name")).execute());
        refusedWithText27(() -> asLauncher.projects().locations().flexTemplates().launch("sandbox-project", "us-central1",
                new LaunchFlexTemplateRequest().setLaunchParameter(new LaunchFlexTemplateParameter())).execute());
        refusedWithText27(() -> asLauncher.projects().locations().flexTemplates().launch("sandbox-project", "us-central1",
                new LaunchFlexTemplateRequest().setValidateOnly(true)).execute());
    }

    @Test
    void withTheDeveloperRoleTheBodyIsJudgedAndActAsIsStillNeeded() throws Exception {
        fx.grantOnProject("roles/dataflow.developer", "serviceAccount:" + launcher);
        var templates = asLauncher.projects().locations().templates();
        var bad = googleError(() -> templates.launch("sandbox-project", "us-central1", wordCount("Not_A_Job_Name"))
                .setGcsPath(WORD_COUNT).execute());
        assertThat(bad.getStatusCode()).isEqualTo(400);

        String compute = fx.sandbox.computeServiceAccount();
        var actAs = googleError(() -> templates.launch("sandbox-project", "us-central1", wordCount("wc"))
                .setGcsPath(WORD_COUNT).setValidateOnly(true).execute());
        assertThat(actAs.getStatusCode()).isEqualTo(403);
        assertThat(actAs.getDetails().getMessage()).matches("\\([0-9a-f]{16}\\): .*")
                .endsWith(CatalogueFixture.fill(18, "SA", compute));

        fx.grantOnServiceAccount(compute, "roles/iam.serviceAccountUser", "serviceAccount:" + launcher);
        assertThat(templates.launch("sandbox-project", "us-central1", wordCount("wc")).setGcsPath(WORD_COUNT)
                .setValidateOnly(true).execute().getJob()).as("a dry run answers no job").isNull();
    }
}
