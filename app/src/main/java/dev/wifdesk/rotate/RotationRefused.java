package dev.wifdesk.rotate;

/**
 * A phase that must not run in the state found (switch before prepare, retire inside the grace
 * period, variables changed by someone else, ...): the message says why and what to do. Nothing
 * has been changed when it is thrown.
 */
public final class RotationRefused extends Exception {
    public RotationRefused(String message) {
        super(message);
    }
}
