package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenRequest;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.ErrorTexts;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The 401 and 403 envelopes as the official clients see them: texts, ErrorInfo details, no legacy
 * {@code errors[]} array, and the {@code WWW-Authenticate} header that decides whether
 * google-auth-library refreshes and retries.
 */
class AuthErrorFidelityTest {
    private static final String WORD_COUNT = "gs://dataflow-templates-us-central1/latest/Word_Count";
    private final SandboxFixture fx = new SandboxFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    /** Credentials that can refresh, but only ever to tokens the sandbox never issued. */
    private static final class StaleCredentials extends GoogleCredentials {
        final AtomicInteger refreshes = new AtomicInteger();

        @Override
        public AccessToken refreshAccessToken() {
            int n = refreshes.incrementAndGet();
            return new AccessToken("sandbox-stale-" + n, new Date(System.currentTimeMillis() + 3_600_000));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstDetail(GoogleJsonResponseException e) {
        List<GoogleJsonError.Details> details = e.getDetails().getDetails();
        assertThat(details).hasSize(1);
        return (Map<String, Object>) (Map<?, ?>) details.get(0);
    }

    @Test
    void requestWithoutCredentialIsCredentialsMissing() {
        GoogleClients noToken = new GoogleClients(Target.sandbox(fx.sandbox.baseUrl(), "", "nobody"));
        var e = googleError(() -> noToken.iam().projects().locations().workloadIdentityPools()
                .list("projects/sandbox-project/locations/global").execute());
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getDetails().getMessage()).isEqualTo(GoogleErrors.CREDENTIALS_MISSING_MESSAGE)
                .startsWith("Request is missing required authentication credential.");
        assertThat(e.getDetails().get("status")).isEqualTo("UNAUTHENTICATED");
        assertThat(firstDetail(e)).containsEntry("reason", "CREDENTIALS_MISSING").containsEntry("domain", "googleapis.com");
        var legacy = e.getDetails().getErrors().get(0);
        assertThat(legacy.getMessage()).isEqualTo("Login Required.");
        assertThat(legacy.getReason()).isEqualTo("required");
        assertThat(legacy.getLocation()).isEqualTo("Authorization");
        assertThat(legacy.get("locationType")).isEqualTo("header");
        assertThat(e.getHeaders().getAuthenticate()).isEqualTo("Bearer realm=\"https://accounts.google.com/\"");
    }

    @Test
    void rejectedTokenSaysInvalidTokenSoTheClientRefreshesThenReportsThe401() {
        StaleCredentials stale = new StaleCredentials();
        var e = googleError(() -> fx.clients.dataflow(stale).projects().locations().jobs()
                .get("sandbox-project", "us-central1", "any").execute());
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getDetails().getMessage())
                .isEqualTo(ErrorTexts.INVALID_AUTH_CREDENTIALS + GoogleErrors.DEVCONSOLE_HINT);
        assertThat(firstDetail(e)).containsEntry("reason", "ACCESS_TOKEN_EXPIRED").containsEntry("domain", "googleapis.com");
        assertThat(e.getDetails().getErrors().get(0).getMessage()).isEqualTo("Invalid Credentials");
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("authError");
        assertThat(e.getHeaders().getAuthenticate()).contains("error=\"invalid_token\"");
        // first token + at least one refresh caused by error="invalid_token" (Google's header for a bad token)
        assertThat(stale.refreshes.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a401OnAPostLosesItsBodyInTheJdkButKeepsStatusUrlAndHeader() {
        StaleCredentials stale = new StaleCredentials();
        LaunchTemplateParameters params = new LaunchTemplateParameters().setJobName("wc")
                .setParameters(Map.of("inputFile", "gs://dataflow-samples/shakespeare/kinglear.txt", "output", "gs://b/o"));
        var e = catchThrowableOfType(GoogleJsonResponseException.class, () -> fx.clients.dataflow(stale).projects()
                .locations().templates().launch("sandbox-project", "us-central1", params).setGcsPath(WORD_COUNT).execute());
        assertThat(e).isNotNull();
        assertThat(e.getStatusCode()).isEqualTo(401);
        // HttpURLConnection in streaming mode throws the 401 body away: this is what the app gets to show
        assertThat(e.getDetails()).isNull();
        assertThat(e.getMessage()).startsWith("401 Unauthorized")
                .contains("POST https://dataflow.googleapis.com/v1b3/projects/sandbox-project/locations/us-central1/templates:launch");
        assertThat(e.getHeaders().getAuthenticate()).isEqualTo(GoogleErrors.BEARER_INVALID_TOKEN);
        assertThat(stale.refreshes.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void iamPermissionDeniedHasErrorInfoWithThePermissionAndNoLegacyErrorsArray() throws Exception {
        var accounts = fx.iam.projects().serviceAccounts();
        String caller = accounts.create("projects/sandbox-project", new CreateServiceAccountRequest()
                .setAccountId("plain-caller").setServiceAccount(new ServiceAccount())).execute().getEmail();
        String token = fx.clients.iamCredentials(fx.clients.target().credentials()).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + caller,
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM)))
                .execute().getAccessToken();
        GoogleCredentials asCaller = GoogleCredentials.create(new AccessToken(token, null));

        var e = googleError(() -> fx.clients.iamCredentials(asCaller).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + fx.sandbox.computeServiceAccount(),
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM))).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");
        // IAM Credentials, unlike IAM, answers without the legacy errors[] array
        assertThat(e.getDetails().getErrors()).as("legacy errors[]").isNull();
        Map<String, Object> info = firstDetail(e);
        assertThat(info).containsEntry("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                .containsEntry("reason", "IAM_PERMISSION_DENIED").containsEntry("domain", "iam.googleapis.com");
        assertThat(String.valueOf(info.get("metadata"))).isEqualTo("{permission=iam.serviceAccounts.getAccessToken}");
    }

    @Test
    void unknownServiceNameIsServiceUsagesNotFoundOrPermissionDenied() {
        var e = googleError(() -> fx.clients.serviceUsage().services().get("projects/sandbox-project/services/not a service")
                .execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getMessage()).isEqualTo("Not found or permission denied for service(s): not a service.");
        assertThat(firstDetail(e)).containsEntry("reason", "SERVICE_CONFIG_NOT_FOUND_OR_PERMISSION_DENIED");
    }

    @Test
    void takenServiceAccountIdIsAlreadyExistsWithResourceInfoAndLegacyReason() throws Exception {
        var accounts = fx.iam.projects().serviceAccounts();
        var request = new CreateServiceAccountRequest().setAccountId("taken-id").setServiceAccount(new ServiceAccount());
        accounts.create("projects/sandbox-project", request).execute();
        var e = googleError(() -> accounts.create("projects/sandbox-project", request).execute());
        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(e.getDetails().getMessage())
                .isEqualTo("Service account taken-id already exists within project projects/sandbox-project.");
        assertThat(e.getDetails().get("status")).isEqualTo("ALREADY_EXISTS");
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("alreadyExists");
        assertThat(firstDetail(e)).containsEntry("@type", "type.googleapis.com/google.rpc.ResourceInfo")
                .containsEntry("resourceName", "projects/sandbox-project/serviceAccounts/taken-id@sandbox-project.iam.gserviceaccount.com");
    }
}
