package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import java.time.Instant;
import java.util.Optional;

/**
 * What the Diagnostics screen hands to the engine. The token stays in memory: it is decoded
 * locally and never sent anywhere; {@link #toString()} never prints it.
 */
public record DiagnosisRequest(String token, String errorText, Optional<WorkloadIdentityPoolProvider> provider,
                               String projectNumber, Instant now) {
    public DiagnosisRequest {
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
                + ", projectNumber=" + projectNumber + "]";
    }
}
