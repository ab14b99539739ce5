package dev.wifdesk.cloud;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenRequest;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenResponse;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.ExternalAccountCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdentityPoolCredentials;
import dev.wifdesk.audit.Redactor;
import dev.wifdesk.model.CiContract;
import java.io.IOException;
import java.util.List;

/**
 * The real two-step exchange a CI job performs, run step by step so the caller learns which step
 * failed and the server's exact words: STS token exchange (google-auth-library), then IAM
 * Credentials generateAccessToken as the service account. The ID token stays in memory and no
 * token is ever part of the result.
 */
public final class LiveExchange {
    /** The same STS endpoint a CI job's credential config names. */
    public static final String STS_URL = CiContract.STS_TOKEN_URL;

    public enum Step { STS, IMPERSONATION }

    /** {@code failedStep} is null on success; {@code serverText} is the server's error text verbatim. */
    public record Result(Step failedStep, int httpStatus, String serverText, String accessTokenExpireTime) {
        public boolean succeeded() {
            return failedStep == null;
        }
    }

    private final GoogleClients clients;

    public LiveExchange(GoogleClients clients) {
        this.clients = clients;
    }

    public Result run(String idToken, String providerAudience, String serviceAccountEmail) {
        AccessToken federated;
        try {
            IdentityPoolCredentials sts = IdentityPoolCredentials.newBuilder()
                    .setSubjectTokenSupplier(context -> idToken)
                    .setAudience(providerAudience)
                    .setSubjectTokenType(ExternalAccountCredentials.SubjectTokenTypes.JWT)
                    .setTokenUrl(STS_URL)
                    .setScopes(List.of(CiContract.CLOUD_PLATFORM_SCOPE))
                    .setHttpTransportFactory(() -> clients.target().transport())
                    .build();
            federated = sts.refreshAccessToken();
        } catch (IOException | RuntimeException e) {
            return new Result(Step.STS, 400, stsText(e), null);
        }
        try {
            GenerateAccessTokenResponse response = clients.iamCredentials(GoogleCredentials.create(federated))
                    .projects().serviceAccounts()
                    .generateAccessToken("projects/-/serviceAccounts/" + serviceAccountEmail,
                            new GenerateAccessTokenRequest().setScope(List.of(CiContract.CLOUD_PLATFORM_SCOPE)).setLifetime("3600s"))
                    .execute();
            return new Result(null, 200, "", response.getExpireTime());
        } catch (GoogleJsonResponseException e) {
            String text = e.getDetails() != null && e.getDetails().getMessage() != null
                    ? e.getDetails().getMessage() : e.getStatusMessage();
            return new Result(Step.IMPERSONATION, e.getStatusCode(), Redactor.redact(text), null);
        } catch (IOException | RuntimeException e) {
            return new Result(Step.IMPERSONATION, 0, Redactor.redact(String.valueOf(e.getMessage())), null);
        }
    }

    /** google-auth-library reports STS errors as "Error code CODE: DESCRIPTION"; keep the description's words. */
    private static String stsText(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Redactor.redact(message);
    }
}
