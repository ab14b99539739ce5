package dev.wifdesk.diagnose;

/** User-supplied JSON that cannot be read; the message names the position and the rule. */
public final class InvalidJsonException extends IllegalArgumentException {
    public InvalidJsonException(String message) {
        super(message);
    }
}
