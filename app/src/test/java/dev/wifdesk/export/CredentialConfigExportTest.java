package dev.wifdesk.export;

import static dev.wifdesk.export.ExampleSpecs.PROJECT_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ExternalAccountCredentials;
import com.google.auth.oauth2.IdentityPoolCredentials;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.SetupValues;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cred-config export reads back as WIRE-FORMATS.md's fields and loads in google-auth-library. */
class CredentialConfigExportTest {
    private final SetupValues values = new SetupValues(ExampleSpecs.example(), PROJECT_NUMBER);

    private String export(Optional<String> environment, String tokenFile) {
        return new CredentialConfigExport().export(new ExportRequest(ExampleSpecs.example(), Optional.of(PROJECT_NUMBER),
                environment, tokenFile));
    }

    @Test
    void carriesTheProviderTheAccountAndTheTokenFile() throws Exception {
        JsonNode c = new ObjectMapper().readTree(export(Optional.empty(), null));
        assertThat(c.get("type").asText()).isEqualTo("external_account");
        assertThat(c.get("audience").asText()).isEqualTo(values.providerAudience());
        assertThat(c.get("subject_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:jwt");
        assertThat(c.get("token_url").asText()).isEqualTo("https://sts.googleapis.com/v1/token");
        assertThat(c.get("service_account_impersonation_url").asText()).isEqualTo(
                "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/"
                        + "gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com:generateAccessToken");
        assertThat(c.get("credential_source").get("file").asText()).isEqualTo(ExportRequest.DEFAULT_TOKEN_FILE);
    }

    @Test
    void googleAuthLoadsItAsAFileSourcedIdentityPoolCredential() throws Exception {
        String text = export(Optional.of("production"), "/builds/.gitlab_oidc_token");
        ExternalAccountCredentials creds = ExternalAccountCredentials.fromStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(creds).isInstanceOf(IdentityPoolCredentials.class);
        assertThat(creds.getAudience()).isEqualTo(values.providerAudience());
        assertThat(creds.getServiceAccountEmail()).isEqualTo("gitlab-dataflow-prod@acme-data-prod.iam.gserviceaccount.com");
        assertThat(CiContract.readCredentialConfig(text)).hasValue(new CiContract.CredentialConfig(values.providerAudience(),
                "gitlab-dataflow-prod@acme-data-prod.iam.gserviceaccount.com"));
    }

    @Test
    void needsTheNumberAndAKnownEnvironment() {
        assertThat(new CredentialConfigExport().needsProjectNumber()).isTrue();
        assertThatThrownBy(() -> new CredentialConfigExport().export(ExportRequest.of(ExampleSpecs.example())))
                .hasMessageContaining("project number");
        assertThatThrownBy(() -> export(Optional.of("qa"), null)).hasMessageContaining("'qa'");
    }
}
