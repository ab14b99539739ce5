package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import java.time.Instant;
import java.util.Optional;

/**
 * What the Diagnostics screen hands to the engine. The token stays in memory: it is decoded
 * locally and never sent anywhere; {@link #toString()} never prints it.
 */
public record DiagnosisRequest(String token, String errorText, Optional<WorkloadIdentityPoolProvider> provider,
                               String projectNumber, Instant now, LiveInputs live) {
    /**
     * What was read live for this run (each "" when not given): the service account and its IAM
     * policy JSON, the provider's pool JSON, the issuer's JWKS JSON.
     */
    public record LiveInputs(String serviceAccount, String policyJson, String poolJson, String jwksJson) {
        public static final LiveInputs NONE = new LiveInputs("", "", "", "");

        public LiveInputs {
            serviceAccount = serviceAccount == null ? "" : serviceAccount;
            policyJson = policyJson == null ? "" : policyJson;
            poolJson = poolJson == null ? "" : poolJson;
            jwksJson = jwksJson == null ? "" : jwksJson;
        }
    }

    public DiagnosisRequest(String token, String errorText, Optional<WorkloadIdentityPoolProvider> provider,
                            String projectNumber, Instant now) {
        this(token, errorText, provider, projectNumber, now, LiveInputs.NONE);
    }

    public DiagnosisRequest {
        live = live == null ? LiveInputs.NONE : live;
        token = token == null ? "" : token.trim();
        errorText = errorText == null ? "" : errorText;
        provider = provider == null ? Optional.empty() : provider;
        projectNumber = projectNumber == null ? "" : projectNumber;
    }

    public boolean hasToken() {
        return !token.isEmpty();
    }

    public boolean hasErrorText() {
        return !errorText.isBlank();
    }

    @Override
    public String toString() {
        return "DiagnosisRequest[token=" + (hasToken() ? "<" + token.length() + " chars>" : "none")
                + ", errorText=" + errorText.length() + " chars, provider="
                + provider.map(WorkloadIdentityPoolProvider::getName).orElse("none")
                + ", projectNumber=" + projectNumber + ", serviceAccount=" + live.serviceAccount()
                + ", policy=" + (live.policyJson().isEmpty() ? "none" : "given") + ", pool=" + (live.poolJson().isEmpty() ? "none" : "given")
                + ", jwks=" + (live.jwksJson().isEmpty() ? "none" : "given") + "]";
    }
}
