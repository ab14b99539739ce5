package dev.wifdesk.diagnose.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which provider and service account a CI job federates with, learned from its CI/CD variables:
 * the sandbox runner's contract ({@code WIF_PROVIDER} = STS audience, {@code WIF_SERVICE_ACCOUNT},
 * {@code WIF_ID_TOKEN_AUD}), else a credential configuration JSON held in a (file) variable
 * ({@code audience}, {@code service_account_impersonation_url}).
 */
public record FederationSettings(String stsAudience, String serviceAccount, String idTokenAudience, String source) {
    static final String PROVIDER = "WIF_PROVIDER";
    static final String SERVICE_ACCOUNT = "WIF_SERVICE_ACCOUNT";
    static final String ID_TOKEN_AUD = "WIF_ID_TOKEN_AUD";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMPERSONATION = Pattern.compile("/serviceAccounts/([^/:]+):generateAccessToken");

    public Optional<String> stsAudienceIfKnown() {
        return Optional.ofNullable(stsAudience);
    }

    public Optional<String> serviceAccountIfKnown() {
        return Optional.ofNullable(serviceAccount);
    }

    public boolean isEmpty() {
        return stsAudience == null && serviceAccount == null;
    }

    /** From the variables a job saw (key -> value); never fails, unknown parts stay null. */
    public static FederationSettings from(Map<String, String> variables) {
        String provider = blankToNull(variables.get(PROVIDER));
        String sa = blankToNull(variables.get(SERVICE_ACCOUNT));
        String aud = blankToNull(variables.get(ID_TOKEN_AUD));
        if (provider != null || sa != null) {
            return new FederationSettings(provider, sa, aud, "CI/CD variables " + PROVIDER + "/" + SERVICE_ACCOUNT);
        }
        for (Map.Entry<String, String> e : variables.entrySet()) {
            Optional<FederationSettings> fromConfig = fromCredentialConfig(e.getKey(), e.getValue(), aud);
            if (fromConfig.isPresent()) {
                return fromConfig.get();
            }
        }
        return new FederationSettings(null, null, aud, "none");
    }

    /** A credential configuration ({@code "type": "external_account"}) as a variable's value. */
    static Optional<FederationSettings> fromCredentialConfig(String key, String value, String idTokenAudience) {
        if (value == null || !value.contains("external_account")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.isObject() || !"external_account".equals(node.path("type").asText())) {
                return Optional.empty();
            }
            String audience = blankToNull(node.path("audience").asText(null));
            String sa = null;
            Matcher m = IMPERSONATION.matcher(node.path("service_account_impersonation_url").asText(""));
            if (m.find()) {
                sa = m.group(1);
            }
            return Optional.of(new FederationSettings(audience, sa, idTokenAudience,
                    "credential configuration in CI/CD variable " + key));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** For notes: what is still unknown. */
    List<String> missing() {
        return java.util.stream.Stream.of(stsAudience == null ? PROVIDER : null, serviceAccount == null ? SERVICE_ACCOUNT : null)
                .filter(java.util.Objects::nonNull).toList();
    }
}
