package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a sandbox: the GitLab token only from the environment, Google only through ADC; each missing piece is one line. */
class LiveConnectionsTest {
    private static final LiveConnections.CredentialsSource NO_ADC = () -> {
        throw new IOException("The Application Default Credentials are not available.");
    };

    @Test
    void missingGitLabTokenNamesTheVariable() {
        assertThatThrownBy(() -> LiveConnections.cloud(null, Map.<String, String>of()::get, NO_ADC))
                .isInstanceOf(LiveConnections.SetupException.class)
                .hasMessageStartingWith("no GitLab token: set GITLAB_TOKEN in the environment");
    }

    @Test
    void missingAdcNamesTheGcloudCommand() {
        assertThatThrownBy(() -> LiveConnections.cloud("https://gitlab.example.com", Map.of("GITLAB_TOKEN", "t0ken")::get, NO_ADC))
                .isInstanceOf(LiveConnections.SetupException.class)
                .hasMessageContaining("gcloud auth application-default login")
                .hasMessageNotContaining("t0ken");
    }

    @Test
    void badGitLabUrlIsNamed() {
        assertThatThrownBy(() -> LiveConnections.cloud("gitlab.example.com", Map.of("GITLAB_TOKEN", "t0ken")::get, NO_ADC))
                .hasMessageStartingWith("--gitlab-url 'gitlab.example.com' is not a URL");
    }

    @Test
    void withCredentialsBothClientsOpenOnTheGivenGitLab() throws Exception {
        var adc = com.google.auth.oauth2.GoogleCredentials.create(new com.google.auth.oauth2.AccessToken("fake", null));
        try (LiveConnections c = LiveConnections.cloud(null, Map.of("GITLAB_TOKEN", "t0ken")::get, () -> adc)) {
            assertThat(c.gitlab().getGitLabServerUrl()).isEqualTo(LiveConnections.DEFAULT_GITLAB_URL);
            assertThat(c.google().target().kind()).isEqualTo(dev.wifdesk.cloud.Target.Kind.GOOGLE_CLOUD);
        }
    }
}
