package dev.wifdesk.diagnose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Map;

/** A GitLab-like issuer in a test: an RSA key made here, RS256 tokens and the public JWKS. */
final class TestTokens {
    private final RSAKey key;

    TestTokens(String kid) {
        try {
            this.key = new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(Map<String, Object> claims) {
        return sign(claims, key.getKeyID());
    }

    String sign(Map<String, Object> claims, String kid) {
        try {
            JWTClaimsSet set = JWTClaimsSet.parse(claims);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                    .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), set);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }
}
