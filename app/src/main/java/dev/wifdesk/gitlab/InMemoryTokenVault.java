package dev.wifdesk.gitlab;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenVault} in this process's memory: for tests of the view models, and as the
 * "unavailable" store ({@link #unavailable}) that behaves as a missing OS keyring does.
 */
public final class InMemoryTokenVault implements TokenVault {
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final String unavailableReason;

    public InMemoryTokenVault() {
        this(null);
    }

    private InMemoryTokenVault(String unavailableReason) {
        this.unavailableReason = unavailableReason;
    }

    /** A vault every call of which fails with {@code reason}, as a box without a keyring does. */
    public static InMemoryTokenVault unavailable(String reason) {
        return new InMemoryTokenVault(reason);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void check() throws UnavailableException {
        if (unavailableReason != null) {
            throw new UnavailableException(unavailableReason, null);
        }
    }

    @Override
    public Optional<String> read(String gitlabUrl) throws UnavailableException {
        check();
        return Optional.ofNullable(tokens.get(TokenVault.key(gitlabUrl)));
    }

    @Override
    public void store(String gitlabUrl, String token) throws UnavailableException {
        check();
        tokens.put(TokenVault.key(gitlabUrl), token);
    }

    @Override
    public void forget(String gitlabUrl) throws UnavailableException {
        check();
        tokens.remove(TokenVault.key(gitlabUrl));
    }

    /** What is kept, for tests' checks. */
    public Map<String, String> contents() {
        return Map.copyOf(tokens);
    }
}
