package dev.wifdesk.cloud;

import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.util.ExponentialBackOff;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.util.Set;

/**
 * Retries what Google documents as transient (429, 500, 502, 503, 504, and a dropped connection)
 * with exponential backoff and jitter, after the credentials had their say (a 401 refreshes the
 * token first). A retried create whose first attempt did land answers 409 ALREADY_EXISTS; the
 * plan steps re-read and treat that as "exists", so a retry never makes a duplicate.
 */
final class TransientRetry implements HttpRequestInitializer {
    static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);
    private static final int MAX_ELAPSED_MS = 60_000;

    private final HttpCredentialsAdapter credentials;
    private final int initialMillis;

    TransientRetry(HttpCredentialsAdapter credentials, int initialMillis) {
        this.credentials = credentials;
        this.initialMillis = initialMillis;
    }

    @Override
    public void initialize(HttpRequest request) throws IOException {
        credentials.initialize(request);
        HttpUnsuccessfulResponseHandler auth = request.getUnsuccessfulResponseHandler();
        HttpBackOffUnsuccessfulResponseHandler backoff = new HttpBackOffUnsuccessfulResponseHandler(backOff())
                .setBackOffRequired(r -> TRANSIENT.contains(r.getStatusCode()));
        request.setUnsuccessfulResponseHandler((req, response, supportsRetry) ->
                (auth != null && auth.handleResponse(req, response, supportsRetry))
                        || backoff.handleResponse(req, response, supportsRetry));
        request.setIOExceptionHandler(new HttpBackOffIOExceptionHandler(backOff()));
        request.setNumberOfRetries(8);
    }

    private ExponentialBackOff backOff() {
        return new ExponentialBackOff.Builder().setInitialIntervalMillis(initialMillis).setMultiplier(2)
                .setRandomizationFactor(0.5).setMaxIntervalMillis(5_000).setMaxElapsedTimeMillis(MAX_ELAPSED_MS).build();
    }

}
