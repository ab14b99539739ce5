package dev.wifdesk.verify;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.CiContract;
import java.io.IOException;
import java.util.List;

/**
 * Credentials of a service account, minted by IAM Credentials {@code generateAccessToken} for the
 * operator (google-auth's ImpersonatedCredentials on the target's transport). Needs the operator
 * to hold {@code iam.serviceAccounts.getAccessToken} on the account (roles/iam.serviceAccountTokenCreator).
 */
final class Impersonation {
    /** Short-lived: a verification needs minutes. */
    static final int LIFETIME_SECONDS = 600;

    private Impersonation() {
    }

    /** @throws IOException with Google's text when the operator may not impersonate {@code email} */
    static GoogleCredentials as(GoogleClients google, String email) throws IOException {
        ImpersonatedCredentials credentials = ImpersonatedCredentials.newBuilder()
                .setSourceCredentials(google.target().credentials())
                .setTargetPrincipal(email)
                .setScopes(List.of(CiContract.CLOUD_PLATFORM_SCOPE))
                .setLifetime(LIFETIME_SECONDS)
                .setHttpTransportFactory(() -> google.target().transport())
                .build();
        credentials.refresh();
        return credentials;
    }
}
