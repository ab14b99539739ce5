package dev.wifdesk.diagnose.live;

import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.GitLabConnection;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.JwksSource;
import dev.wifdesk.cloud.OidcJwksSource;
import dev.wifdesk.cloud.SandboxInfo;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.HttpUrls;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import org.gitlab4j.api.GitLabApi;

/**
 * Opens GitLab (gitlab4j), Google (official clients) and the issuers' public keys for a live diagnosis: either a running
 * sandbox, learned from its Google URL, or real Google through Application Default Credentials
 * plus a GitLab URL with the token from {@code GITLAB_TOKEN} (never from an argument).
 */
public record LiveConnections(GitLabApi gitlab, GoogleClients google, JwksSource jwks) implements AutoCloseable {
    public static final String DEFAULT_GITLAB_URL = "https://gitlab.com";

    /** Why the connections could not be opened, in one line that names what to do. */
    public static final class SetupException extends Exception {
        public SetupException(String message) {
            super(message);
        }
    }

    /** From {@code --sandbox URL}: asks the sandbox for GitLab's URL and its (fake, loopback-only) tokens. */
    public static LiveConnections sandbox(String googleUrl) throws SetupException {
        URI base = HttpUrls.parseHttp(googleUrl).orElseThrow(() -> new SetupException("--sandbox '" + googleUrl
                + "' is not a URL like http://127.0.0.1:PORT (the sandbox's google URL)"));
        SandboxInfo info;
        try {
            info = SandboxInfo.fetch(base);
        } catch (IOException e) {
            throw new SetupException("cannot reach the sandbox at " + googleUrl + ": " + ClientErrors.oneLine(e)
                    + " (start one with 'wifdesk sandbox serve')");
        }
        Target target = Target.sandbox(URI.create(info.google()), info.operatorToken(), "sandbox operator");
        return new LiveConnections(GitLabConnection.open(info.gitlab(), info.gitlabToken()), new GoogleClients(target),
                OidcJwksSource.sandbox(info.gitlabIssuer(), URI.create(info.gitlab())));
    }

    /** Real Google (ADC) and GitLab at {@code gitlabUrl} with the token from the environment ({@code env} = System::getenv). */
    public static LiveConnections cloud(String gitlabUrl, Function<String, String> env, CredentialsSource adc)
            throws SetupException {
        String url = gitlabUrl == null ? DEFAULT_GITLAB_URL : gitlabUrl.trim();
        if (!HttpUrls.isHttp(url)) {
            throw new SetupException("--gitlab-url '" + url + "' is not a URL like https://gitlab.example.com");
        }
        String token = env.apply(GitLabConnection.TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new SetupException("no GitLab token: set " + GitLabConnection.TOKEN_VARIABLE + " in the environment "
                    + "(a token with read_api scope; Maintainer role to read CI/CD variables), or use --sandbox URL");
        }
        GoogleCredentials credentials;
        try {
            credentials = adc.get();
        } catch (IOException e) {
            throw new SetupException("no Google Application Default Credentials: run 'gcloud auth application-default login'"
                    + " (or use --sandbox URL)");
        }
        return new LiveConnections(GitLabConnection.open(url, token),
                new GoogleClients(Target.googleCloud(credentials, "application default credentials")), OidcJwksSource.direct());
    }

    /** The live reader over these connections (the same one the GUI uses). */
    public LiveFederationReader reader() {
        return new LiveFederationReader(google, jwks);
    }

    /** Where the ADC come from (tests give their own). */
    public interface CredentialsSource {
        GoogleCredentials get() throws IOException;
    }

    @Override
    public void close() {
        gitlab.close();
    }
}
