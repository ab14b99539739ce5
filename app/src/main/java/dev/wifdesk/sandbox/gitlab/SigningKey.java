package dev.wifdesk.sandbox.gitlab;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.wifdesk.sandbox.SandboxStateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RSA key the sandbox GitLab signs CI ID tokens with. Generated at start, or kept in the
 * state directory so tokens and inline JWKS copies stay valid across restarts.
 */
public final class SigningKey {
    static final String FILE_NAME = "gitlab-signing-key.json";

    private final RSAKey key;

    private SigningKey(RSAKey key) {
        this.key = key;
    }

    public static SigningKey generate() {
        try {
            return new SigningKey(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the sandbox GitLab signing key", e);
        }
    }

    /** Loads the key from {@code stateDir}, creating (and storing, owner-only) a new one if absent. */
    public static SigningKey loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new SigningKey(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
            SigningKey created = generate();
            Files.createDirectories(stateDir);
            PrivateFiles.write(file, created.key.toJSONString());
            return created;
        } catch (IOException e) {
            throw new SandboxStateException("cannot read or write " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new SandboxStateException(file + " is not an RSA JWK (delete it to get a new key): " + e.getMessage(), e);
        }
    }

    RSAKey privateKey() {
        return key;
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public JWKS exactly as GitLab serves it at {@code /oauth/discovery/keys}. */
    public String publicJwksJson() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }
}
