package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.Binding;
import com.google.api.services.cloudresourcemanager.v3.model.Expr;
import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.cloudresourcemanager.v3.model.Policy;
import com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest;
import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.iam.v1.model.CreateServiceAccountKeyRequest;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenRequest;
import com.google.api.services.serviceusage.v1.model.EnableServiceRequest;
import com.google.api.services.serviceusage.v1.model.GoogleApiServiceusageV1Service;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.wifdesk.sandbox.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Google facts the setup, verify and rotation flows rely on (WIRE-FORMATS.md, last section), each
 * through the real client libraries against the sandbox.
 */
class SetupFactsTest {
    private static final long LRO_MS = 5_000;
    private static final String PROJECT = "sandbox-project";
    private static final String WORD_COUNT = "gs://dataflow-templates/latest/Word_Count";

    private final SandboxFixture fx = new SandboxFixture(SandboxOptions.defaults().withLroDelayMs(LRO_MS));

    @AfterEach
    void stop() {
        fx.close();
    }

    // ---- Service Usage

    @Test
    void batchGetReadsSeveralServicesAtOnce() throws Exception {
        String n = fx.number();
        List<GoogleApiServiceusageV1Service> services = fx.clients.serviceUsage().services()
                .batchGet("projects/" + PROJECT)
                .setNames(List.of("projects/" + n + "/services/iam.googleapis.com",
                        "projects/" + PROJECT + "/services/compute.googleapis.com"))
                .execute().getServices();
        assertThat(services).extracting(GoogleApiServiceusageV1Service::getName)
                .containsExactly("projects/" + n + "/services/iam.googleapis.com",
                        "projects/" + n + "/services/compute.googleapis.com");
        assertThat(services).extracting(GoogleApiServiceusageV1Service::getState).containsExactly("ENABLED", "DISABLED");

        var unknown = googleError(() -> fx.clients.serviceUsage().services().batchGet("projects/" + PROJECT)
                .setNames(List.of("projects/" + n + "/services/nope")).execute());
        assertThat(unknown.getStatusCode()).isEqualTo(403);
        assertThat(unknown.getDetails().getMessage()).isEqualTo("Not found or permission denied for service(s): nope.");
    }

    @Test
    void enableIsAnOperationAlreadyDoneWhenTheServiceWasOn() throws Exception {
        var services = fx.clients.serviceUsage().services();
        var already = services.enable("projects/" + PROJECT + "/services/dataflow.googleapis.com",
                new EnableServiceRequest()).execute();
        assertThat(already.getDone()).isTrue();

        var fresh = services.enable("projects/" + PROJECT + "/services/compute.googleapis.com",
                new EnableServiceRequest()).execute();
        assertThat(fresh.getDone()).isNotEqualTo(Boolean.TRUE);
        fx.clock.advance(Duration.ofMillis(LRO_MS));
        assertThat(fx.clients.serviceUsage().operations().get(fresh.getName()).execute().getDone()).isTrue();
    }

    // ---- authorization before validation

    @Test
    void aCallerWithoutThePermissionGets403EvenForAnInvalidBody() throws Exception {
        GoogleCredentials plain = tokenOf(createAccount("no-roles"));
        Dataflow dataflow = fx.clients.dataflow(plain);
        // invalid job name and the Word_Count template's missing "output": 400 for a permitted caller
        var denied = googleError(() -> dataflow.projects().locations().templates()
                .launch(PROJECT, "us-central1", new LaunchTemplateParameters().setJobName("NOT VALID"))
                .setGcsPath(WORD_COUNT).execute());
        assertThat(denied.getStatusCode()).isEqualTo(403);
        var invalid = googleError(() -> fx.clients.dataflow().projects().locations().templates()
                .launch(PROJECT, "us-central1", new LaunchTemplateParameters().setJobName("NOT VALID"))
                .setGcsPath(WORD_COUNT).execute());
        assertThat(invalid.getStatusCode()).isEqualTo(400);

        var batch = fx.send(HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl()
                        + "/serviceusage.googleapis.com/v1/projects/" + PROJECT + "/services:batchEnable"))
                .header("Authorization", "Bearer " + plain.getAccessToken().getTokenValue())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(batch.status()).isEqualTo(403);
    }

    @Test
    void iamCreatesCheckThePermissionBeforeTheIds() throws Exception {
        GoogleCredentials plain = tokenOf(createAccount("no-roles-iam"));
        var asPlain = new com.google.api.services.iam.v1.Iam.Builder(fx.clients.target().transport(),
                com.google.api.client.json.gson.GsonFactory.getDefaultInstance(),
                new com.google.auth.http.HttpCredentialsAdapter(plain)).setApplicationName("test").build();
        String parent = "projects/" + PROJECT + "/locations/global";
        var pool = new com.google.api.services.iam.v1.model.WorkloadIdentityPool();
        // "gcp-" is a reserved prefix: 400 for a permitted caller, 403 for one without the permission
        assertThat(googleError(() -> asPlain.projects().locations().workloadIdentityPools().create(parent, pool)
                .setWorkloadIdentityPoolId("gcp-bad").execute()).getStatusCode()).isEqualTo(403);
        assertThat(googleError(() -> fx.pools().create(parent, pool).setWorkloadIdentityPoolId("gcp-bad").execute())
                .getStatusCode()).isEqualTo(400);
        var badAccount = new CreateServiceAccountRequest().setAccountId("X").setServiceAccount(new ServiceAccount());
        assertThat(googleError(() -> asPlain.projects().serviceAccounts().create("projects/" + PROJECT, badAccount)
                .execute()).getStatusCode()).isEqualTo(403);
        assertThat(googleError(() -> fx.iam.projects().serviceAccounts().create("projects/" + PROJECT, badAccount)
                .execute()).getStatusCode()).isEqualTo(400);
    }

    @Test
    void noCredentialIs401BeforeEverything() throws Exception {
        var raw = fx.send(HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl() + "/dataflow.googleapis.com/v1b3/projects/"
                        + PROJECT + "/locations/us-central1/templates:launch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jobName\":\"NOT VALID\"}")).build());
        assertThat(raw.status()).isEqualTo(401);
    }

    // ---- project policy and members

    @Test
    void projectPolicyIsReadAtVersionThreeAndVersionOneCannotOverwriteAConditionalBinding() throws Exception {
        var projects = fx.clients.resourceManager().projects();
        String sa = createAccount("cond-binding");
        Policy p = projects.getIamPolicy("projects/" + PROJECT, v3()).execute();
        List<Binding> bindings = new ArrayList<>(p.getBindings());
        bindings.add(new Binding().setRole("roles/dataflow.developer").setMembers(List.of("serviceAccount:" + sa))
                .setCondition(new Expr().setTitle("until 2099").setExpression("request.time < timestamp(\"2099-01-01T00:00:00Z\")")));
        Policy written = projects.setIamPolicy("projects/" + PROJECT, new SetIamPolicyRequest()
                .setPolicy(p.setBindings(bindings).setVersion(3))).execute();
        assertThat(written.getVersion()).isEqualTo(3);

        Policy read = projects.getIamPolicy("projects/" + PROJECT, v3()).execute();
        assertThat(read.getBindings()).anySatisfy(b -> assertThat(b.getCondition()).isNotNull());
        var v1 = googleError(() -> projects.setIamPolicy("projects/" + PROJECT, new SetIamPolicyRequest()
                .setPolicy(read.setVersion(1))).execute());
        assertThat(v1.getStatusCode()).isEqualTo(400);
    }

    @Test
    void aMemberNamingAMissingServiceAccountIs400() throws Exception {
        var projects = fx.clients.resourceManager().projects();
        Policy p = projects.getIamPolicy("projects/" + PROJECT, v3()).execute();
        String missing = "not-yet@" + PROJECT + ".iam.gserviceaccount.com";
        List<Binding> bindings = new ArrayList<>(p.getBindings());
        bindings.add(new Binding().setRole("roles/dataflow.worker").setMembers(List.of("serviceAccount:" + missing)));
        var e = googleError(() -> projects.setIamPolicy("projects/" + PROJECT, new SetIamPolicyRequest()
                .setPolicy(p.setBindings(bindings).setVersion(3))).execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).isEqualTo("Service account " + missing + " does not exist.");

        createAccount("not-yet");
        Policy retried = projects.setIamPolicy("projects/" + PROJECT, new SetIamPolicyRequest()
                .setPolicy(p.setBindings(bindings).setVersion(3))).execute();
        assertThat(retried.getBindings()).anySatisfy(b -> assertThat(b.getMembers()).contains("serviceAccount:" + missing));
    }

    // ---- service accounts and keys

    @Test
    void aMissingAccountUnderProjectsDashIs403ButByProjectId404() throws Exception {
        String missing = "ghost@" + PROJECT + ".iam.gserviceaccount.com";
        var accounts = fx.iam.projects().serviceAccounts();
        var dash = googleError(() -> accounts.get("projects/-/serviceAccounts/" + missing).execute());
        assertThat(dash.getStatusCode()).isEqualTo(403);
        var byId = googleError(() -> accounts.get("projects/" + PROJECT + "/serviceAccounts/" + missing).execute());
        assertThat(byId.getStatusCode()).isEqualTo(404);
        assertThat(byId.getDetails().getMessage())
                .isEqualTo("Service account projects/" + PROJECT + "/serviceAccounts/" + missing + " does not exist.");
        var keysDash = googleError(() -> accounts.keys().list("projects/-/serviceAccounts/" + missing).execute());
        assertThat(keysDash.getStatusCode()).isEqualTo(403);
    }

    @Test
    void keysCreateReturnsAKeyFileGoogleAuthAccepts() throws Exception {
        String sa = createAccount("legacy-key");
        String account = "projects/" + PROJECT + "/serviceAccounts/" + sa;
        var key = fx.iam.projects().serviceAccounts().keys().create(account, new CreateServiceAccountKeyRequest()).execute();
        byte[] file = Base64.getDecoder().decode(key.getPrivateKeyData());

        ServiceAccountCredentials credentials = ServiceAccountCredentials.fromStream(new ByteArrayInputStream(file));
        assertThat(credentials.getClientEmail()).isEqualTo(sa);
        assertThat(credentials.getProjectId()).isEqualTo(PROJECT);
        assertThat(key.getName()).endsWith("/keys/" + credentials.getPrivateKeyId());
        assertThat(credentials.getPrivateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(fx.iam.projects().serviceAccounts().keys().get(key.getName()).execute().getPrivateKeyData()).isNull();
    }

    // ---- Dataflow

    @Test
    void validateOnlyAnswersNoJobAndCreatesNone() throws Exception {
        Dataflow dataflow = fx.clients.dataflow();
        var answer = dataflow.projects().locations().templates().launch(PROJECT, "us-central1", wordCount("dry"))
                .setGcsPath(WORD_COUNT).setValidateOnly(true).execute();
        assertThat(answer.getJob()).isNull();
        assertThat(dataflow.projects().locations().jobs().list(PROJECT, "us-central1").execute().getJobs()).isNull();
    }

    @Test
    void jobsListHonoursTheFilterAndUpdateCancels() throws Exception {
        Dataflow dataflow = fx.clients.dataflow();
        var jobs = dataflow.projects().locations().jobs();
        String first = launch(dataflow, "first");
        String second = launch(dataflow, "second");

        assertThat(ids(jobs.list(PROJECT, "us-central1").setFilter("ACTIVE").execute().getJobs()))
                .containsExactlyInAnyOrder(first, second);
        Job cancelling = jobs.update(PROJECT, "us-central1", second, new Job().setRequestedState("JOB_STATE_CANCELLED"))
                .execute();
        assertThat(cancelling.getCurrentState()).isEqualTo("JOB_STATE_CANCELLING");
        fx.clock.advance(Duration.ofMillis(LRO_MS));
        assertThat(jobs.get(PROJECT, "us-central1", second).execute().getCurrentState()).isEqualTo("JOB_STATE_CANCELLED");

        assertThat(ids(jobs.list(PROJECT, "us-central1").setFilter("TERMINATED").execute().getJobs())).containsExactly(second);
        assertThat(ids(jobs.list(PROJECT, "us-central1").setFilter("ACTIVE").execute().getJobs())).containsExactly(first);
        assertThat(ids(jobs.list(PROJECT, "us-central1").setFilter("ALL").execute().getJobs()))
                .containsExactlyInAnyOrder(first, second);
        var again = googleError(() -> jobs.update(PROJECT, "us-central1", second,
                new Job().setRequestedState("JOB_STATE_CANCELLED")).execute());
        assertThat(again.getStatusCode()).isEqualTo(400);
    }

    @Test
    void aJobIsVisibleOnlyInItsRegion() throws Exception {
        Dataflow dataflow = fx.clients.dataflow();
        String id = launch(dataflow, "regional");
        assertThat(dataflow.projects().locations().jobs().get(PROJECT, "us-central1", id).execute().getId()).isEqualTo(id);
        assertThat(googleError(() -> dataflow.projects().locations().jobs().get(PROJECT, "europe-west1", id).execute())
                .getStatusCode()).isEqualTo(404);
        assertThat(googleError(() -> dataflow.projects().locations().jobs().update(PROJECT, "europe-west1", id,
                new Job().setRequestedState("JOB_STATE_CANCELLED")).execute()).getStatusCode()).isEqualTo(404);
    }

    // ---- helpers

    private static GetIamPolicyRequest v3() {
        return new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3));
    }

    private String createAccount(String id) throws Exception {
        ServiceAccount sa = fx.iam.projects().serviceAccounts().create("projects/" + PROJECT,
                new CreateServiceAccountRequest().setAccountId(id).setServiceAccount(new ServiceAccount())).execute();
        return sa.getEmail();
    }

    /** A token of {@code email}, minted by the owner operator. */
    private GoogleCredentials tokenOf(String email) throws Exception {
        String token = fx.clients.iamCredentials(fx.clients.target().credentials()).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + email,
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM)))
                .execute().getAccessToken();
        return GoogleCredentials.create(new AccessToken(token, null));
    }

    private static LaunchTemplateParameters wordCount(String jobName) {
        return new LaunchTemplateParameters().setJobName(jobName)
                .setParameters(Map.of("inputFile", "gs://dataflow-samples/shakespeare/kinglear.txt",
                        "output", "gs://wifdesk-sandbox/out/" + jobName));
    }

    private String launch(Dataflow dataflow, String name) throws Exception {
        return dataflow.projects().locations().templates().launch(PROJECT, "us-central1", wordCount(name))
                .setGcsPath(WORD_COUNT).execute().getJob().getId();
    }

    private static List<String> ids(List<Job> jobs) {
        return jobs == null ? List.of() : jobs.stream().map(Job::getId).toList();
    }
}
