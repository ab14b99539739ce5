package dev.wifdesk.sandbox;

/**
 * The state directory cannot be used: a snapshot, the variables or the signing key in it is
 * unreadable or damaged, or the directory cannot be written. The message names the file and what
 * to do; the command line reports it as bad input (the directory is the user's {@code --state-dir}).
 */
public final class SandboxStateException extends RuntimeException {
    public SandboxStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
