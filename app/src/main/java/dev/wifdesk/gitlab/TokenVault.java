package dev.wifdesk.gitlab;

import java.util.Optional;

/**
 * Where a GitLab token is kept between sessions, per GitLab instance (its URL): the OS keyring
 * ({@link KeyringTokenVault}) when the user asks for it; {@link InMemoryTokenVault} in tests. Every
 * method may do I/O (D-Bus, the Keychain): call it off the FX thread. A vault never writes the
 * token anywhere but its own store, and never puts it in an exception message or a log line.
 */
public interface TokenVault {
    /** Thrown when the store cannot be reached at all; the reason is one line, without the token. */
    final class UnavailableException extends Exception {
        public UnavailableException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** A short name of the store for messages ("Secret Service", "macOS Keychain"...). */
    String name();

    /** Succeeds when the store can be used (to tell the user at once, before anything is stored). */
    void check() throws UnavailableException;

    /** The token kept for the GitLab instance at {@code gitlabUrl}; empty when there is none. */
    Optional<String> read(String gitlabUrl) throws UnavailableException;

    /** Keeps {@code token} for {@code gitlabUrl}, replacing any kept before. */
    void store(String gitlabUrl, String token) throws UnavailableException;

    /** Removes what is kept for {@code gitlabUrl} (nothing when there is none). */
    void forget(String gitlabUrl) throws UnavailableException;

    /** The key a token is kept under: the URL without trailing slashes, so both spellings find it. */
    static String key(String gitlabUrl) {
        return gitlabUrl.strip().replaceAll("/+$", "");
    }
}
