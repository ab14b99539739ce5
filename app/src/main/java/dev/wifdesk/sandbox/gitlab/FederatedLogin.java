package dev.wifdesk.sandbox.gitlab;

import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.SandboxRouting;
import dev.wifdesk.model.CiContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The job's {@code gcloud auth login --cred-file}: the credential config of the CI contract handed
 * to google-auth-library, which exchanges the ID token at STS and impersonates the service account.
 */
final class FederatedLogin {

    private final URI googleBase;
    private final JobTrace trace;

    FederatedLogin(URI googleBase, JobTrace trace) {
        this.googleBase = googleBase;
        this.trace = trace;
    }

    GoogleCredentials authenticate(String config, String serviceAccount) throws JobFailed {
        try {
            GoogleCredentials credentials = GoogleCredentials.fromStream(
                    new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)),
                    () -> SandboxRouting.transport(googleBase))
                    .createScoped(List.of(CiContract.CLOUD_PLATFORM_SCOPE));
            credentials.refresh();
            trace.line("Exchanged the ID token at " + CiContract.STS_TOKEN_URL
                    + (serviceAccount == null ? "" : " and impersonated " + serviceAccount));
            return credentials;
        } catch (IOException | RuntimeException e) {
            trace.error("authentication failed");
            trace.errorChain(e);
            throw new JobFailed("script_failure");
        }
    }
}
