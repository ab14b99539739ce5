package dev.wifdesk.cli;

/** Bad input named by field and rule: the command prints the message on one line and exits 2. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
