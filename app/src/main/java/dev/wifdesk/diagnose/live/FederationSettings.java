package dev.wifdesk.diagnose.live;

import dev.wifdesk.model.CiContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which provider and service account a CI job federates with, learned from its CI/CD variables:
 * the sandbox runner's contract ({@code WIF_PROVIDER} = STS audience, {@code WIF_SERVICE_ACCOUNT},
 * {@code WIF_ID_TOKEN_AUD}), else a credential configuration JSON held in a (file) variable
 * ({@code audience}, {@code service_account_impersonation_url}).
 */
public record FederationSettings(String stsAudience, String serviceAccount, String idTokenAudience, String source) {
    static final String PROVIDER = CiContract.PROVIDER;
    static final String SERVICE_ACCOUNT = CiContract.SERVICE_ACCOUNT;
    static final String ID_TOKEN_AUD = CiContract.ID_TOKEN_AUD;

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
        return CiContract.readCredentialConfig(value).map(c -> new FederationSettings(c.audience(), c.serviceAccount(),
                idTokenAudience, "credential configuration in CI/CD variable " + key));
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
