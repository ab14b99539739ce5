package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenRequest;
import com.google.api.services.serviceusage.v1.model.DisableServiceRequest;
import com.google.api.services.serviceusage.v1.model.EnableServiceRequest;
import com.google.api.services.serviceusage.v1.model.Operation;
import dev.wifdesk.model.CatalogueFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An API switched off through Service Usage answers the real 403 SERVICE_DISABLED (catalogue #28:
 * message, ErrorInfo, LocalizedMessage and Help link) for Dataflow, IAM, IAM Credentials and STS,
 * after authentication and before permission or body checks; enabling it (an LRO named
 * {@code operations/...}) switches it back on. Through google-api-services-serviceusage, -dataflow,
 * -iam, -iamcredentials and google-auth-library; texts from the verbatim fixture.
 */
class ServiceDisabledTest {
    private static final String ISSUER = "https://gitlab.sandbox.wifdesk.test";
    private final SandboxFixture fx = new SandboxFixture();
    private final String number = fx.number();

    @AfterEach
    void stop() {
        fx.close();
    }

    private String serviceName(String service) {
        return "projects/sandbox-project/services/" + service;
    }

    private void disable(String service) throws Exception {
        Operation op = fx.clients.serviceUsage().services().disable(serviceName(service), new DisableServiceRequest())
                .execute();
        assertThat(op.getName()).startsWith("operations/");
        assertThat(fx.clients.serviceUsage().operations().get(op.getName()).execute().getDone()).isTrue();
        assertThat(fx.clients.serviceUsage().services().get(serviceName(service)).execute().getState()).isEqualTo("DISABLED");
    }

    private void enable(String service) throws Exception {
        Operation op = fx.clients.serviceUsage().services().enable(serviceName(service), new EnableServiceRequest()).execute();
        assertThat(op.getName()).startsWith("operations/");
        Operation done = fx.clients.serviceUsage().operations().get(op.getName()).execute();
        assertThat(done.getDone()).isTrue();
        assertThat(String.valueOf(done.getResponse().get("service"))).contains("state=ENABLED");
    }

    /** The whole #28 answer for {@code service} titled {@code name} (without " API"). */
    @SuppressWarnings("unchecked")
    private void serviceDisabled(GoogleJsonResponseException e, String name, String service) {
        String url = "https://console.developers.google.com/apis/api/" + service + "/overview?project=" + number;
        String text = CatalogueFixture.fill(28, "NAME", name, "NUMBER", number, "HOST", service);
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");
        assertThat(e.getDetails().getMessage()).isEqualTo(text);
        if (service.equals("iamcredentials.googleapis.com")) {
            // IAM Credentials answers without the legacy errors[] (docs/sandbox-fidelity.md row 4)
            assertThat(e.getDetails().getErrors()).isNull();
        } else {
            assertThat(e.getDetails().getErrors()).singleElement()
                    .satisfies(err -> assertThat(err.getReason()).isEqualTo("accessNotConfigured"));
        }
        var details = e.getDetails().getDetails();
        assertThat(details).extracting(d -> d.getType()).containsExactly("type.googleapis.com/google.rpc.ErrorInfo",
                "type.googleapis.com/google.rpc.LocalizedMessage", "type.googleapis.com/google.rpc.Help");
        var info = details.get(0);
        assertThat(info.getReason()).isEqualTo("SERVICE_DISABLED");
        assertThat(info.get("domain")).isEqualTo("googleapis.com");
        assertThat((Map<Object, Object>) info.get("metadata")).containsEntry("service", service)
                .containsEntry("consumer", "projects/" + number).containsEntry("activationUrl", url);
        assertThat(String.valueOf(details.get(1).get("message"))).isEqualTo(text);
        assertThat(String.valueOf(details.get(2).get("links")))
                .isEqualTo("[{description=Google developers console API activation, url=" + url + "}]");
    }

    @Test
    void dataflowOffAnswersText28BeforeTheBodyIsJudgedAndEnablingSwitchesItOn() throws Exception {
        disable("dataflow.googleapis.com");
        var jobs = fx.clients.dataflow().projects().locations().jobs();
        serviceDisabled(googleError(() -> jobs.list("sandbox-project", "us-central1").execute()), "Dataflow",
                "dataflow.googleapis.com");
        serviceDisabled(googleError(() -> fx.clients.dataflow().projects().locations().templates()
                .launch("sandbox-project", "us-central1", new LaunchTemplateParameters().setJobName("Bad_Name")).execute()),
                "Dataflow", "dataflow.googleapis.com");
        // authentication still comes first
        var raw = fx.send(HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl()
                + "/dataflow.googleapis.com/v1b3/projects/sandbox-project/locations/us-central1/jobs")).GET().build());
        assertThat(raw.status()).isEqualTo(401);

        enable("dataflow.googleapis.com");
        assertThat(jobs.list("sandbox-project", "us-central1").execute().getJobs()).isNullOrEmpty();
    }

    @Test
    void iamOffAnswersText28() throws Exception {
        disable("iam.googleapis.com");
        serviceDisabled(googleError(() -> fx.iam.projects().serviceAccounts().list("projects/sandbox-project").execute()),
                "Identity and Access Management (IAM)", "iam.googleapis.com");
        serviceDisabled(googleError(() -> fx.createPool("gitlab-ci")), "Identity and Access Management (IAM)",
                "iam.googleapis.com");
        enable("iam.googleapis.com");
        assertThat(fx.iam.projects().serviceAccounts().list("projects/sandbox-project").execute().getAccounts()).isNotEmpty();
    }

    @Test
    void iamCredentialsOffAnswersText28ToTheOperatorAndThroughTheAuthLibrary() throws Exception {
        String runner = fx.createServiceAccount("runner");
        disable("iamcredentials.googleapis.com");
        serviceDisabled(googleError(() -> fx.clients.iamCredentials(fx.clients.target().credentials()).projects()
                .serviceAccounts().generateAccessToken("projects/-/serviceAccounts/" + runner,
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM))).execute()),
                "IAM Service Account Credentials", "iamcredentials.googleapis.com");

        // a CI job's impersonation: STS works, generateAccessToken refuses; google-auth reports Google's text
        try (TestIssuer issuer = new TestIssuer(ISSUER, "key-1")) {
            fx.federation("gitlab-ci", "gitlab", issuer, true);
            String audience = fx.defaultAudience("gitlab-ci", "gitlab");
            var creds = fx.externalAccount(audience, issuer.token(audience, fx.clock.instant(), Map.of()), runner);
            Throwable e = catchThrowable(creds::refreshAccessToken);
            assertThat(SandboxFixture.messages(e)).contains(CatalogueFixture.fill(28, "NAME", "IAM Service Account Credentials",
                    "NUMBER", number, "HOST", "iamcredentials.googleapis.com"));
        }
    }

    @Test
    void stsOffAnswersText28InGooglesEnvelope() throws Exception {
        try (TestIssuer issuer = new TestIssuer(ISSUER, "key-1")) {
            fx.federation("gitlab-ci", "gitlab", issuer, true);
            String audience = fx.defaultAudience("gitlab-ci", "gitlab");
            disable("sts.googleapis.com");
            var raw = fx.sts(audience, issuer.token(audience, fx.clock.instant(), Map.of()));
            assertThat(raw.status()).isEqualTo(403);
            assertThat(raw.json().at("/error/message").asText()).isEqualTo(CatalogueFixture.fill(28, "NAME",
                    "Security Token Service", "NUMBER", number, "HOST", "sts.googleapis.com"));
            assertThat(raw.json().at("/error/details/0/reason").asText()).isEqualTo("SERVICE_DISABLED");
            assertThat(raw.json().at("/error/details/0/metadata/consumer").asText()).isEqualTo("projects/" + number);

            enable("sts.googleapis.com");
            assertThat(fx.sts(audience, issuer.token(audience, fx.clock.instant(), Map.of())).status()).isEqualTo(200);
        }
    }
}
