package dev.wifdesk.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import org.junit.jupiter.api.Test;

/** What the connection bar says about ADC credentials (real credential objects, no network). */
class CredentialIdentityTest {
    @Test
    void serviceAccountShowsItsEmail() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        ServiceAccountCredentials sa = ServiceAccountCredentials.newBuilder()
                .setClientEmail("wifdesk@acme-data-prod.iam.gserviceaccount.com")
                .setPrivateKey((RSAPrivateKey) gen.generateKeyPair().getPrivate()).setPrivateKeyId("k1").build();
        assertThat(CredentialIdentity.describe(sa)).isEqualTo("wifdesk@acme-data-prod.iam.gserviceaccount.com");
    }

    @Test
    void userCredentialsNameTheirQuotaProjectAndNeverASecret() {
        UserCredentials user = UserCredentials.newBuilder().setClientId("client-id").setClientSecret("client-secret-value")
                .setRefreshToken("refresh-token-value").setQuotaProjectId("acme-data-prod").build();
        String shown = CredentialIdentity.describe(user);
        assertThat(shown).isEqualTo("user credentials (quota project acme-data-prod)")
                .doesNotContain("client-secret-value", "refresh-token-value");
        assertThat(CredentialIdentity.describe(GoogleCredentials.create(new AccessToken("opaque-access-token", null))))
                .isEqualTo("GoogleCredentials").doesNotContain("opaque");
    }
}
