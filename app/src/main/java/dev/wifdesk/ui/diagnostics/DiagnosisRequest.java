package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.PoolInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * What the Diagnostics screen hands to the engine. The token stays in memory: it is decoded
 * locally and never sent anywhere; {@link #toString()} never prints it.
 */
public record DiagnosisRequest(String token, String errorText, Optional<WorkloadIdentityPoolProvider> provider,
                               String projectNumber, Instant now, LiveInputs live) {
    /**
     * What was read live for this run: the service account ("" when none), its IAM policy and the
     * provider's pool (null when not read), the issuer's JWKS JSON ("" when not read).
     */
    public record LiveInputs(String serviceAccount, IamPolicy policy, PoolInfo pool, String jwksJson) {
        public static final LiveInputs NONE = new LiveInputs("", null, null, "");

        public LiveInputs {
            serviceAccount = serviceAccount == null ? "" : serviceAccount;
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
                + ", policy=" + (live.policy() == null ? "none" : "given") + ", pool=" + (live.pool() == null ? "none" : "given")
                + ", jwks=" + (live.jwksJson().isEmpty() ? "none" : "given") + "]";
    }
}
