package dev.wifdesk.ui.diagnostics;

/**
 * Size limits of the Diagnostics inputs. A GitLab ID token is a few KB; anything far bigger is
 * a wrong paste, refused before it reaches a text area (a 10 MB paste would freeze the screen).
 */
public final class InputLimits {
    public static final int TOKEN_MAX_CHARS = 64 * 1024;
    public static final int ERROR_TEXT_MAX_CHARS = 512 * 1024;
    public static final int PROVIDER_JSON_MAX_CHARS = 256 * 1024;

    private InputLimits() {
    }

    /** A dropped or pasted text's size is checked against this before it is shown. */
    public static boolean fits(int maxChars, long length) {
        return length <= maxChars;
    }
}
