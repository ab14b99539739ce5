package dev.wifdesk.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.SetupValues;

/**
 * {@code --to cred-config}: what {@code gcloud iam workload-identity-pools create-cred-config} writes
 * for a file credential source (WIRE-FORMATS.md), made by {@link CiContract#credentialConfig} like
 * the sandbox runner's. It names the provider by project NUMBER, so the number must be known.
 */
final class CredentialConfigExport implements Exporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean needsProjectNumber() {
        return true;
    }

    /** @throws IllegalArgumentException without a project number or for an environment the spec does not have */
    @Override
    public String export(ExportRequest request) {
        String number = request.projectNumber().orElseThrow(() -> new IllegalArgumentException(
                "a credential configuration names the provider by project number: none given"));
        SetupValues v = new SetupValues(request.spec(), number);
        SetupValues.Account account = v.serviceAccounts().stream()
                .filter(a -> a.environment().equals(request.environment())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("environment '" + request.environment().orElse("")
                        + "' is not one of the spec's environments"));
        String compact = CiContract.credentialConfig(v.providerAudience(), account.email(), request.tokenFile());
        try {
            // pretty, as gcloud writes it
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(compact)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CiContract writes JSON", e);
        }
    }
}
