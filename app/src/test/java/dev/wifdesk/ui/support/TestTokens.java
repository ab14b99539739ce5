package dev.wifdesk.ui.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Signs GitLab-shaped ID tokens for tests (RS256, a fresh key per instance). */
public final class TestTokens {
    private final RSAKey key;

    public TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey key() {
        return key;
    }

    /** A GitLab CI token for acme/pipelines on main, valid around {@code now}, with the given audience. */
    public String gitlabToken(String issuer, String audience, Instant now) {
        return sign(Map.ofEntries(
                Map.entry("iss", issuer), Map.entry("aud", audience),
                Map.entry("sub", "project_path:acme/pipelines:ref_type:branch:ref:main"),
                Map.entry("namespace_path", "acme"), Map.entry("project_path", "acme/pipelines"),
                Map.entry("project_id", "4242"), Map.entry("ref", "main"), Map.entry("ref_type", "branch"),
                Map.entry("ref_protected", "true"), Map.entry("pipeline_source", "push"),
                Map.entry("iat", Date.from(now.minusSeconds(60))), Map.entry("nbf", Date.from(now.minusSeconds(60))),
                Map.entry("exp", Date.from(now.plusSeconds(240)))));
    }

    public String sign(Map<String, Object> claims) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        claims.forEach(b::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), b.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
