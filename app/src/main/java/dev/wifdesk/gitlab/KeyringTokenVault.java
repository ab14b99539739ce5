package dev.wifdesk.gitlab;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Optional;

/**
 * The OS keyring through java-keyring: the macOS Keychain, the Windows Credential Manager, or the
 * Secret Service (GNOME Keyring, KWallet) over D-Bus on Linux. The token is kept under service
 * {@value #SERVICE}, account = the GitLab URL. Without a keyring (no D-Bus session, as on a
 * headless Linux box) every call fails with {@link UnavailableException} and nothing is written.
 */
public final class KeyringTokenVault implements TokenVault {
    static final String SERVICE = "WIF Desk GitLab token";

    @Override
    public String name() {
        return "OS keyring";
    }

    private interface KeyringCall<T> {
        T call(Keyring keyring) throws PasswordAccessException;
    }

    /** Opens the keyring for one call; a missing backend (or its native parts) is "unavailable". */
    private static <T> T with(KeyringCall<T> body, String secret) throws UnavailableException {
        try (Keyring keyring = Keyring.create()) {
            return body.call(keyring);
        } catch (BackendNotSupportedException e) {
            throw new UnavailableException(reason(e, secret) + linuxHint(), e);
        } catch (PasswordAccessException e) {
            throw new UnavailableException(reason(e, secret), e);
        } catch (Exception | LinkageError e) {
            // D-Bus errors, a missing native library: the store cannot be used here
            throw new UnavailableException(reason(e, secret), null);
        }
    }

    /** One line of why; the secret, should a library ever echo it, is cut out. */
    private static String reason(Throwable e, String secret) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + " (" + root.getMessage() + ")";
        }
        message = message.replaceAll("\\s+", " ").strip();
        return secret == null || secret.isEmpty() ? message : message.replace(secret, "[redacted]");
    }

    /** java-keyring only says "no backend"; on Linux the usual cause is that there is no D-Bus session. */
    private static String linuxHint() {
        String dbus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        return linux && (dbus == null || dbus.isBlank())
                ? " (no D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set, so no Secret Service can be reached)" : "";
    }

    @Override
    public void check() throws UnavailableException {
        with(keyring -> null, null);
    }

    @Override
    public Optional<String> read(String gitlabUrl) throws UnavailableException {
        return with(keyring -> {
            try {
                return Optional.ofNullable(keyring.getPassword(SERVICE, TokenVault.key(gitlabUrl)));
            } catch (PasswordAccessException noSuchEntry) {
                // java-keyring reports a missing entry this way on every backend
                return Optional.empty();
            }
        }, null);
    }

    @Override
    public void store(String gitlabUrl, String token) throws UnavailableException {
        with(keyring -> {
            keyring.setPassword(SERVICE, TokenVault.key(gitlabUrl), token);
            return null;
        }, token);
    }

    @Override
    public void forget(String gitlabUrl) throws UnavailableException {
        with(keyring -> {
            try {
                keyring.deletePassword(SERVICE, TokenVault.key(gitlabUrl));
            } catch (PasswordAccessException noSuchEntry) {
                // nothing was kept: nothing to remove
            }
            return null;
        }, null);
    }
}
