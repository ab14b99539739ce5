package dev.wifdesk.export;

import dev.wifdesk.model.FederationSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * What an export is made from: the spec, the project number when one is known (only
 * {@link Exporter#needsProjectNumber() some exports} need it), and the options of {@code cred-config}.
 *
 * @param environment the spec environment whose service account a credential config impersonates (empty: the main one)
 * @param tokenFile   where the job writes its ID token, read by the credential config
 */
public record ExportRequest(FederationSpec spec, Optional<String> projectNumber, Optional<String> environment,
                            String tokenFile) {
    /** The file the verification job writes {@code $GITLAB_OIDC_TOKEN} to, relative to the job's directory. */
    public static final String DEFAULT_TOKEN_FILE = ".gitlab_oidc_token";

    public ExportRequest {
        Objects.requireNonNull(spec, "spec");
        projectNumber = projectNumber == null ? Optional.empty() : projectNumber;
        environment = environment == null ? Optional.empty() : environment;
        tokenFile = tokenFile == null || tokenFile.isBlank() ? DEFAULT_TOKEN_FILE : tokenFile;
    }

    public static ExportRequest of(FederationSpec spec) {
        return new ExportRequest(spec, Optional.empty(), Optional.empty(), DEFAULT_TOKEN_FILE);
    }

    public ExportRequest withProjectNumber(String number) {
        return new ExportRequest(spec, Optional.of(number), environment, tokenFile);
    }
}
