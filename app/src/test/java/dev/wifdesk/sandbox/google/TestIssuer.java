package dev.wifdesk.sandbox.google;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.wifdesk.sandbox.IssuerDirectory;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * A test OIDC issuer: an RSA key generated per test run, ID tokens signed with nimbus, and a
 * loopback server for {@code /.well-known/openid-configuration} and the JWKS, registered in the
 * {@link IssuerDirectory} under its https name.
 */
final class TestIssuer implements AutoCloseable {
    final String issuer;
    final RSAKey key;
    private HttpServer server;
    /** When set, discovery names the JWKS by its real loopback URL instead of the https issuer name. */
    boolean loopbackJwksUri;

    TestIssuer(String issuer, String kid) throws Exception {
        this.issuer = issuer;
        this.key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    }

    /** The public JWKS, as a provider's inline {@code oidc.jwksJson} holds it. */
    String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Serves discovery + JWKS on loopback and registers the https name in {@code directory}. */
    TestIssuer serve(IssuerDirectory directory) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/.well-known/openid-configuration", ex -> {
            String base = loopbackJwksUri ? "http://127.0.0.1:" + server.getAddress().getPort() : issuer;
            byte[] body = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + base + "/oauth/discovery/keys\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/oauth/discovery/keys", ex -> {
            byte[] body = jwksJson().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        directory.register(issuer, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        return this;
    }

    /** A GitLab-like ID token for {@code aud}, issued at {@code iat}, valid for 5 minutes. */
    String token(String aud, Instant iat, Map<String, Object> extraClaims) throws Exception {
        return sign(key, issuer, aud, iat, iat.plusSeconds(300), extraClaims);
    }

    static String sign(RSAKey key, String iss, String aud, Instant iat, Instant exp, Map<String, Object> extra)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(iss)
                .subject("project_path:acme/pipelines:ref_type:branch:ref:main")
                .audience(aud)
                .issueTime(Date.from(iat))
                .notBeforeTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .claim("namespace_path", "acme")
                .claim("project_path", "acme/pipelines")
                .claim("project_id", "4242")
                .claim("ref", "main")
                .claim("ref_type", "branch")
                .claim("ref_protected", "true");
        extra.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
