package dev.wifdesk.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fetches an OIDC issuer's JWKS the way Google's STS does: {@code ISSUER/.well-known/openid-configuration}
 * -> {@code jwks_uri} -> keys. These are the issuer's public endpoints (no API, no credential). In
 * sandbox mode the https issuer is served on loopback: {@code rewrite} maps its URLs there.
 */
public final class OidcJwksSource implements JwksSource {
    static final String DISCOVERY = "/.well-known/openid-configuration";
    private static final int MAX_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Made at the first fetch: building java.net.http's client sets up TLS (~150-400 ms), and plan,
     * apply and most diagnoses that open this source never fetch a key.
     */
    private HttpClient http;
    private final Function<URI, Optional<URI>> rewrite;
    private final boolean sandboxOnly;

    private OidcJwksSource(Function<URI, Optional<URI>> rewrite, boolean sandboxOnly) {
        this.rewrite = rewrite;
        this.sandboxOnly = sandboxOnly;
    }

    /** The public internet as it is (Google Cloud mode). */
    public static OidcJwksSource direct() {
        return new OidcJwksSource(u -> Optional.empty(), false);
    }

    /** Sandbox mode: only issuers the sandbox serves; nothing leaves the machine. */
    public static OidcJwksSource sandbox(Function<URI, Optional<URI>> rewrite) {
        return new OidcJwksSource(rewrite, true);
    }

    /**
     * Sandbox mode when only one issuer's name and loopback base are known (a {@code --sandbox URL}
     * client learns both from the sandbox's info): URLs under {@code httpsIssuer} go to {@code base}.
     */
    public static OidcJwksSource sandbox(String httpsIssuer, URI base) {
        String issuer = trimSlash(httpsIssuer);
        String local = trimSlash(base.toString());
        return sandbox(u -> {
            String s = u.toString();
            return s.equals(issuer) || s.startsWith(issuer + "/")
                    ? Optional.of(URI.create(local + s.substring(issuer.length()))) : Optional.empty();
        });
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String fetch(String issuerUri) throws IOException {
        String issuer = issuerUri.endsWith("/") ? issuerUri.substring(0, issuerUri.length() - 1) : issuerUri;
        JsonNode discovery = JSON.readTree(get(URI.create(issuer + DISCOVERY)));
        String jwksUri = discovery.path("jwks_uri").asText("");
        if (jwksUri.isEmpty()) {
            throw new IOException("the discovery document of " + issuer + " has no jwks_uri");
        }
        String jwks = get(URI.create(jwksUri));
        if (!JSON.readTree(jwks).path("keys").isArray()) {
            throw new IOException("the JWKS at " + jwksUri + " has no \"keys\" array");
        }
        return jwks;
    }

    private String get(URI uri) throws IOException {
        Optional<URI> local = rewrite.apply(uri);
        if (sandboxOnly && local.isEmpty()) {
            throw new IOException("the sandbox does not serve the issuer of " + uri + "; paste its JWKS into the provider");
        }
        if (!"https".equals(uri.getScheme()) && local.isEmpty()) {
            throw new IOException("refusing a non-https issuer URL: " + uri);
        }
        URI actual = local.orElse(uri);
        HttpRequest request = HttpRequest.newBuilder(actual).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("cancelled while fetching " + uri);
        }
        // read at most one byte past the limit: an endless or huge answer is cut off, never held whole
        try (java.io.InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(uri + " sent more than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
