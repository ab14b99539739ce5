package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The GitLab CI contract against the texts of CLI.md and WIRE-FORMATS.md, copied here verbatim. */
class CiContractTest {
    private static final String PROVIDER = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-com";
    private static final String SA = "gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com";
    /** WIRE-FORMATS.md, "Credential config written for CI", with the placeholders filled in. */
    private static final String WIRE_FORMAT = "{\"type\":\"external_account\",\"audience\":\"//iam.googleapis.com/" + PROVIDER
            + "\",\"subject_token_type\":\"urn:ietf:params:oauth:token-type:jwt\",\"token_url\":\"https://sts.googleapis.com/v1/token\","
            + "\"service_account_impersonation_url\":\"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/" + SA
            + ":generateAccessToken\",\"credential_source\":{\"file\":\"/builds/.gitlab_oidc_token\"}}";

    @Test
    void variableNamesAreTheOnesOfCliMd() {
        assertThat(CiContract.PROVIDER).isEqualTo("WIF_PROVIDER");
        assertThat(CiContract.SERVICE_ACCOUNT).isEqualTo("WIF_SERVICE_ACCOUNT");
        assertThat(CiContract.ID_TOKEN_AUD).isEqualTo("WIF_ID_TOKEN_AUD");
        assertThat(CiContract.GCP_PROJECT_ID).isEqualTo("GCP_PROJECT_ID");
        assertThat(CiContract.DATAFLOW_REGION).isEqualTo("DATAFLOW_REGION");
        assertThat(CiContract.DATAFLOW_TEMPLATE).isEqualTo("DATAFLOW_TEMPLATE");
        assertThat(CiContract.DATAFLOW_TEMP_LOCATION).isEqualTo("DATAFLOW_TEMP_LOCATION");
        assertThat(CiContract.DATAFLOW_PARAMETERS).isEqualTo("DATAFLOW_PARAMETERS");
    }

    @Test
    void theProviderVariableIsTheFullNameWhateverFormItIsGivenIn() {
        String full = "//iam.googleapis.com/" + PROVIDER;
        assertThat(CiContract.providerValue(PROVIDER)).isEqualTo(full);
        assertThat(CiContract.providerValue(full)).isEqualTo(full);
        assertThat(CiContract.providerValue("https:" + full)).isEqualTo(full);
    }

    @Test
    void onlyTheFederationCoordinatesAreProtected() {
        assertThat(CiContract.isFederationVariable("WIF_PROVIDER")).isTrue();
        assertThat(CiContract.isFederationVariable("WIF_SERVICE_ACCOUNT")).isTrue();
        assertThat(CiContract.isFederationVariable("DATAFLOW_REGION")).isFalse();
        assertThat(CiContract.isFederationVariable("wif_provider")).isFalse();
        assertThat(CiContract.isFederationVariable(null)).isFalse();
    }

    @Test
    void theCredentialConfigIsTheWireFormat() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String written = CiContract.credentialConfig("//iam.googleapis.com/" + PROVIDER, SA, "/builds/.gitlab_oidc_token");
        assertThat(json.readTree(written)).isEqualTo(json.readTree(WIRE_FORMAT));
        assertThat(written).doesNotContain("eyJ").doesNotContain("token\":\"");
    }

    @Test
    void aCredentialConfigReadsBackAndOtherTextsDoNot() {
        assertThat(CiContract.readCredentialConfig(WIRE_FORMAT))
                .contains(new CiContract.CredentialConfig("//iam.googleapis.com/" + PROVIDER, SA));
        assertThat(CiContract.readCredentialConfig("{\"type\":\"external_account\"}"))
                .contains(new CiContract.CredentialConfig(null, null));
        assertThat(CiContract.readCredentialConfig("{\"type\":\"service_account\",\"note\":\"external_account\"}")).isEmpty();
        assertThat(CiContract.readCredentialConfig("external_account but not JSON {")).isEmpty();
        assertThat(CiContract.readCredentialConfig("[\"external_account\"]")).isEmpty();
        assertThat(CiContract.readCredentialConfig(null)).isEmpty();
    }
}
