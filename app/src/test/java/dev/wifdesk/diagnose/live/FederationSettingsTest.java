package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederationSettingsTest {
    private static final String PROVIDER = "//iam.googleapis.com/projects/428617359021/locations/global/"
            + "workloadIdentityPools/gitlab-ci/providers/gitlab";
    private static final String SA = "deployer@acme-prod.iam.gserviceaccount.com";

    @Test
    void runnerVariablesWin() {
        FederationSettings s = FederationSettings.from(Map.of("WIF_PROVIDER", " " + PROVIDER + " ", "WIF_SERVICE_ACCOUNT", SA,
                "WIF_ID_TOKEN_AUD", "https://gitlab.com"));
        assertThat(s.stsAudience()).isEqualTo(PROVIDER);
        assertThat(s.serviceAccount()).isEqualTo(SA);
        assertThat(s.idTokenAudience()).isEqualTo("https://gitlab.com");
        assertThat(s.missing()).isEmpty();
    }

    @Test
    void credentialConfigInAFileVariable() {
        String config = "{\"type\":\"external_account\",\"audience\":\"" + PROVIDER + "\",\"subject_token_type\":"
                + "\"urn:ietf:params:oauth:token-type:jwt\",\"token_url\":\"https://sts.googleapis.com/v1/token\","
                + "\"service_account_impersonation_url\":\"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/"
                + SA + ":generateAccessToken\",\"credential_source\":{\"file\":\".gitlab_oidc_token\"}}";
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("DATAFLOW_REGION", "europe-west1");
        vars.put("GOOGLE_CREDENTIALS_CONFIG", config);
        FederationSettings s = FederationSettings.from(vars);
        assertThat(s.stsAudience()).isEqualTo(PROVIDER);
        assertThat(s.serviceAccount()).isEqualTo(SA);
        assertThat(s.source()).contains("GOOGLE_CREDENTIALS_CONFIG");
    }

    @Test
    void nothingKnownSaysWhatIsMissing() {
        FederationSettings s = FederationSettings.from(Map.of("OTHER", "{\"type\":\"service_account\"}", "BROKEN",
                "external_account {"));
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.missing()).containsExactly("WIF_PROVIDER", "WIF_SERVICE_ACCOUNT");
    }
}
