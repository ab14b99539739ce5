package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.dataflow.model.RuntimeEnvironment;
import dev.wifdesk.model.CatalogueFixture;
import dev.wifdesk.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --iam-propagation-ms N}: a new binding (project or service-account policy) is shown by
 * getIamPolicy at once but counts in permission checks only N ms after it was written; bindings that
 * were there before keep working. Time moves by the sandbox's hand-moved clock.
 */
class IamPropagationTest {
    private static final long DELAY_MS = 20_000;
    private static final String WORD_COUNT = "gs://dataflow-templates-us-central1/latest/Word_Count";
    private final SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withIamPropagationMs(DELAY_MS));

    @AfterEach
    void stop() {
        fx.close();
    }

    private static LaunchTemplateParameters wordCount(String worker) {
        return new LaunchTemplateParameters().setJobName("wc")
                .setParameters(Map.of("inputFile", "gs://dataflow-samples/shakespeare/kinglear.txt", "output", "gs://b/out"))
                .setEnvironment(new RuntimeEnvironment().setServiceAccountEmail(worker));
    }

    @Test
    void newBindingsAreShownAtOnceButHonouredOnlyAfterTheDelay() throws Exception {
        String launcher = fx.createServiceAccount("launcher");
        String compute = fx.sandbox.computeServiceAccount();
        Dataflow asLauncher = fx.clients.dataflow(fx.tokenOf(launcher));
        fx.grantOnProject("roles/dataflow.developer", "serviceAccount:" + launcher);
        fx.grantOnServiceAccount(compute, "roles/iam.serviceAccountUser", "serviceAccount:" + launcher);

        var policy = fx.clients.resourceManager().projects().getIamPolicy("projects/sandbox-project", new GetIamPolicyRequest())
                .execute();
        assertThat(policy.getBindings()).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/dataflow.developer");
            assertThat(b.getMembers()).contains("serviceAccount:" + launcher);
        });
        // the owner's older binding is honoured at once: the operator just rewrote the policy and still may
        assertThat(fx.clients.dataflow().projects().locations().jobs().list("sandbox-project", "us-central1").execute())
                .isNotNull();

        var templates = asLauncher.projects().locations().templates();
        var early = googleError(() -> templates.launch("sandbox-project", "us-central1", wordCount(compute))
                .setGcsPath(WORD_COUNT).setValidateOnly(true).execute());
        assertThat(early.getStatusCode()).isEqualTo(403);
        assertThat(early.getDetails().getMessage().replaceAll("\\([0-9a-f]{16}\\)", "(ID)"))
                .isEqualTo("(ID): " + CatalogueFixture.fill(27, "PROJECT", "sandbox-project"));

        fx.clock.advance(Duration.ofMillis(DELAY_MS - 1));
        assertThat(googleError(() -> templates.launch("sandbox-project", "us-central1", wordCount(compute))
                .setGcsPath(WORD_COUNT).setValidateOnly(true).execute()).getStatusCode()).isEqualTo(403);

        fx.clock.advance(Duration.ofMillis(1));
        assertThat(templates.launch("sandbox-project", "us-central1", wordCount(compute)).setGcsPath(WORD_COUNT)
                .setValidateOnly(true).execute().getJob()).as("both bindings now count: dry run passes").isNull();
    }

    @Test
    void serviceAccountPolicyBindingLagsToo() throws Exception {
        String launcher = fx.createServiceAccount("launcher");
        String compute = fx.sandbox.computeServiceAccount();
        fx.grantOnProject("roles/dataflow.developer", "serviceAccount:" + launcher);
        fx.clock.advance(Duration.ofMillis(DELAY_MS));
        fx.grantOnServiceAccount(compute, "roles/iam.serviceAccountUser", "serviceAccount:" + launcher);
        var templates = fx.clients.dataflow(fx.tokenOf(launcher)).projects().locations().templates();

        var actAs = googleError(() -> templates.launch("sandbox-project", "us-central1", wordCount(compute))
                .setGcsPath(WORD_COUNT).setValidateOnly(true).execute());
        assertThat(actAs.getDetails().getMessage()).endsWith(CatalogueFixture.fill(18, "SA", compute));
        fx.clock.advance(Duration.ofMillis(DELAY_MS));
        assertThat(templates.launch("sandbox-project", "us-central1", wordCount(compute)).setGcsPath(WORD_COUNT)
                .setValidateOnly(true).execute().getJob()).isNull();
    }

    @Test
    void aWorkerRoleGrantedJustBeforeLaunchIsNotSeenAtJobStart() throws Exception {
        String worker = fx.createServiceAccount("etl-worker");
        fx.grantOnProject("roles/dataflow.worker", "serviceAccount:" + worker);
        Dataflow dataflow = fx.clients.dataflow();
        Job early = dataflow.projects().locations().templates().launch("sandbox-project", "us-central1", wordCount(worker))
                .setGcsPath(WORD_COUNT).execute().getJob();
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(dataflow.projects().locations().jobs().get("sandbox-project", "us-central1", early.getId()).execute()
                .getCurrentState()).isEqualTo("JOB_STATE_FAILED");

        fx.clock.advance(Duration.ofMillis(DELAY_MS));
        Job later = dataflow.projects().locations().templates().launch("sandbox-project", "us-central1", wordCount(worker))
                .setGcsPath(WORD_COUNT).execute().getJob();
        fx.clock.advance(Duration.ofSeconds(2));
        assertThat(dataflow.projects().locations().jobs().get("sandbox-project", "us-central1", later.getId()).execute()
                .getCurrentState()).isEqualTo("JOB_STATE_DONE");
    }
}
