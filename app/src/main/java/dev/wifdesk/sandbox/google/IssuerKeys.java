package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import dev.wifdesk.sandbox.IssuerDirectory;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An issuer's signing keys, found the way STS finds them: {@code ISSUER/.well-known/openid-configuration}
 * -> {@code jwks_uri} -> JWKS. The https URLs are served on loopback, so each is rewritten by the
 * {@link IssuerDirectory}; an issuer it does not know is unreachable, as a private GitLab is for
 * Google. Key sets are cached briefly; a miss on the key id forces one refetch (key rotation).
 */
final class IssuerKeys {
    private static final Duration CACHE_FOR = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    /** Discovery or JWKS could not be fetched or read. */
    static final class Unreachable extends Exception {
        Unreachable(String why) {
            super(why, null, false, false);
        }
    }

    private record Cached(JWKSet keys, Instant fetchedAt) {
    }

    private final IssuerDirectory directory;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    IssuerKeys(IssuerDirectory directory, ObjectMapper mapper, Clock clock) {
        this.directory = directory;
        this.mapper = mapper;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .proxy(ProxySelector.of(null))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    JWKSet keys(String issuer, boolean forceRefresh) throws Unreachable {
        Instant now = clock.instant();
        Cached cached = cache.get(issuer);
        if (!forceRefresh && cached != null && cached.fetchedAt().plus(CACHE_FOR).isAfter(now)) {
            return cached.keys();
        }
        JWKSet keys = fetch(issuer);
        cache.put(issuer, new Cached(keys, now));
        return keys;
    }

    private JWKSet fetch(String issuer) throws Unreachable {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode discovery;
        try {
            discovery = mapper.readTree(get(URI.create(base + "/.well-known/openid-configuration")));
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreachable("discovery document unreadable");
        }
        String jwksUri = discovery.path("jwks_uri").asText("");
        if (jwksUri.isEmpty()) {
            throw new Unreachable("discovery document has no jwks_uri");
        }
        try {
            return JWKSet.parse(new String(get(URI.create(jwksUri)), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.text.ParseException | IllegalArgumentException e) {
            throw new Unreachable("JWKS unreadable");
        }
    }

    /**
     * A discovery document served by a sandbox may name its JWKS by the loopback URL it really has;
     * such a URL is used as is (only reachable after a registered issuer's discovery pointed at it).
     */
    private static Optional<URI> loopback(URI url) {
        String host = url.getHost();
        boolean local = "http".equalsIgnoreCase(url.getScheme())
                && ("127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host));
        return local ? Optional.of(url) : Optional.empty();
    }

    private byte[] get(URI httpsUrl) throws Unreachable {
        Optional<URI> actual = directory.rewrite(httpsUrl).or(() -> loopback(httpsUrl));
        if (actual.isEmpty()) {
            throw new Unreachable("issuer not reachable from the sandbox");
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(actual.get()).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_DOCUMENT_BYTES) {
                throw new Unreachable("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new Unreachable("connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }
}
