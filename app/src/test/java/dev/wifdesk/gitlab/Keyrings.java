package dev.wifdesk.gitlab;

/** Test support: whether this machine has an OS keyring the tests may use (CI has none). */
public final class Keyrings {
    private Keyrings() {
    }

    public static boolean available() {
        try {
            new KeyringTokenVault().check();
            return true;
        } catch (TokenVault.UnavailableException e) {
            return false;
        }
    }
}
