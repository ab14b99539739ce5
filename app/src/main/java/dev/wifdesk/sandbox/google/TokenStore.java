package dev.wifdesk.sandbox.google;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens the sandbox handed out (operator, STS, generateAccessToken) and whom they stand
 * for. Tokens are obviously fake ({@code sandbox-...}) and live in memory only.
 */
final class TokenStore {
    private static final int MAX_TOKENS = 100_000;
    private final Map<String, Identity> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A new token with the given prefix, e.g. {@code sandbox-sts-}. */
    String issue(String prefix, Identity identity, Instant now) {
        if (tokens.size() >= MAX_TOKENS) {
            tokens.values().removeIf(i -> i.expired(now));
        }
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String token = prefix + HexFormat.of().formatHex(bytes);
        tokens.put(token, identity);
        return token;
    }

    void register(String token, Identity identity) {
        tokens.put(token, identity);
    }

    Optional<Identity> lookup(String token, Instant now) {
        Identity id = tokens.get(token);
        if (id == null) {
            return Optional.empty();
        }
        if (id.expired(now)) {
            tokens.remove(token);
            return Optional.empty();
        }
        return Optional.of(id);
    }
}
