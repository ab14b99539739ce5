package dev.wifdesk.cloud;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the app talks to: real Google Cloud (Application Default Credentials) or a sandbox.
 * Holds the one HttpTransport every Google client of this target shares.
 */
public final class Target {
    public enum Kind { GOOGLE_CLOUD, SANDBOX }

    private final Kind kind;
    private final HttpTransport transport;
    private final GoogleCredentials credentials;
    private final String identity;
    private final URI sandboxGoogleBase;

    private Target(Kind kind, HttpTransport transport, GoogleCredentials credentials, String identity, URI sandboxGoogleBase) {
        this.kind = kind;
        this.transport = transport;
        this.credentials = credentials;
        this.identity = identity;
        this.sandboxGoogleBase = sandboxGoogleBase;
    }

    /** Real Google Cloud with the given (ADC) credentials; {@code identity} is what the connection bar shows. */
    public static Target googleCloud(GoogleCredentials credentials, String identity) {
        return new Target(Kind.GOOGLE_CLOUD, new NetHttpTransport(), Objects.requireNonNull(credentials), identity, null);
    }

    /** A sandbox reached at {@code googleBase}, authenticated with the operator's bearer token. */
    public static Target sandbox(URI googleBase, String operatorToken, String operatorIdentity) {
        var token = new com.google.auth.oauth2.AccessToken(operatorToken, null);
        return new Target(Kind.SANDBOX, SandboxRouting.transport(googleBase), new FixedTokenCredentials(token),
                operatorIdentity, googleBase);
    }

    public Kind kind() {
        return kind;
    }

    public HttpTransport transport() {
        return transport;
    }

    public GoogleCredentials credentials() {
        return credentials;
    }

    public String identity() {
        return identity;
    }

    public Optional<URI> sandboxGoogleBase() {
        return Optional.ofNullable(sandboxGoogleBase);
    }
}
