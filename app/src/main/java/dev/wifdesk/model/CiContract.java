package dev.wifdesk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitLab CI contract, typed once: the CI/CD variables {@code apply} writes into the GitLab
 * project (CLI.md, "What apply writes into the GitLab project") and the credential configuration
 * JSON the verification job hands google-auth-library (WIRE-FORMATS.md). The sandbox runner
 * reads what apply writes, and the diagnostics read both back from a failed job, so all three
 * agree by construction.
 */
public final class CiContract {
    /** The provider's full name {@code //iam.googleapis.com/projects/N/...}: the STS audience. */
    public static final String PROVIDER = "WIF_PROVIDER";
    /** The service account e-mail the job impersonates. */
    public static final String SERVICE_ACCOUNT = "WIF_SERVICE_ACCOUNT";
    /** The {@code aud} the job's {@code id_tokens} asks for. */
    public static final String ID_TOKEN_AUD = "WIF_ID_TOKEN_AUD";
    public static final String GCP_PROJECT_ID = "GCP_PROJECT_ID";
    public static final String DATAFLOW_REGION = "DATAFLOW_REGION";
    public static final String DATAFLOW_TEMPLATE = "DATAFLOW_TEMPLATE";
    public static final String DATAFLOW_TEMP_LOCATION = "DATAFLOW_TEMP_LOCATION";
    public static final String DATAFLOW_PARAMETERS = "DATAFLOW_PARAMETERS";

    /** What the credential config names as its type. */
    public static final String EXTERNAL_ACCOUNT = "external_account";
    public static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    public static final String STS_TOKEN_URL = "https://sts.googleapis.com/v1/token";
    /** The OAuth scope the job's federated credentials ask for. */
    public static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    private static final String IMPERSONATION_BASE = "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/";
    private static final Pattern IMPERSONATION = Pattern.compile("/serviceAccounts/([^/:]+):generateAccessToken");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CiContract() {
    }

    /** The federation's own coordinates ({@code WIF_*}): protected variables, they reach protected refs only. */
    public static boolean isFederationVariable(String key) {
        return key != null && key.startsWith("WIF_");
    }

    /** The value of {@link #PROVIDER} for a provider resource name (with or without the IAM prefix). */
    public static String providerValue(String providerName) {
        return ResourceNames.fullName(providerName);
    }

    public static String impersonationUrl(String serviceAccount) {
        return IMPERSONATION_BASE + serviceAccount + ":generateAccessToken";
    }

    /**
     * The credential config: no secret in it, the ID token is read from {@code tokenFile}; without a
     * service account (null) the federated token itself is used, as gcloud writes it then.
     */
    public static String credentialConfig(String providerAudience, String serviceAccount, String tokenFile) {
        ObjectNode c = JSON.createObjectNode();
        c.put("type", EXTERNAL_ACCOUNT);
        c.put("audience", providerAudience);
        c.put("subject_token_type", JWT_TOKEN_TYPE);
        c.put("token_url", STS_TOKEN_URL);
        if (serviceAccount != null) {
            c.put("service_account_impersonation_url", impersonationUrl(serviceAccount));
        }
        c.putObject("credential_source").put("file", tokenFile);
        return c.toString();
    }

    /** What a credential config says; a part it does not say is null. */
    public record CredentialConfig(String audience, String serviceAccount) {
    }

    /** Reads a credential config back (a CI/CD variable's value); empty when the text is not one. */
    public static Optional<CredentialConfig> readCredentialConfig(String text) {
        if (text == null || !text.contains(EXTERNAL_ACCOUNT)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject() || !EXTERNAL_ACCOUNT.equals(node.path("type").asText())) {
                return Optional.empty();
            }
            String audience = node.path("audience").asText("").strip();
            Matcher m = IMPERSONATION.matcher(node.path("service_account_impersonation_url").asText(""));
            return Optional.of(new CredentialConfig(audience.isEmpty() ? null : audience, m.find() ? m.group(1) : null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
