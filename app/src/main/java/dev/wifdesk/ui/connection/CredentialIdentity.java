package dev.wifdesk.ui.connection;

import com.google.auth.oauth2.ExternalAccountCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;

/** A short, secret-free description of who the ADC credentials are (for the connection bar). */
final class CredentialIdentity {
    private CredentialIdentity() {
    }

    static String describe(GoogleCredentials credentials) {
        if (credentials instanceof ServiceAccountCredentials sa) {
            return sa.getClientEmail();
        }
        if (credentials instanceof ImpersonatedCredentials imp) {
            return imp.getAccount();
        }
        if (credentials instanceof ExternalAccountCredentials ext && ext.getServiceAccountEmail() != null) {
            return ext.getServiceAccountEmail();
        }
        if (credentials instanceof UserCredentials user) {
            String quota = user.getQuotaProjectId();
            return quota == null ? "user credentials" : "user credentials (quota project " + quota + ")";
        }
        return credentials.getClass().getSimpleName();
    }
}
