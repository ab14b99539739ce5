package dev.wifdesk.ui.connection;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.util.Optional;

/** Looks for Google Application Default Credentials (blocking: reads files, may call metadata). */
public interface CredentialsProbe {
    Optional<GoogleCredentials> find();

    /** The real lookup: {@code GoogleCredentials.getApplicationDefault()}; absent when none are set up. */
    static CredentialsProbe applicationDefault() {
        return () -> {
            try {
                return Optional.of(GoogleCredentials.getApplicationDefault());
            } catch (IOException none) {
                return Optional.empty();
            }
        };
    }
}
