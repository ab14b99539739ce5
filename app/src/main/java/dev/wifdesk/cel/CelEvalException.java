package dev.wifdesk.cel;

/** An expression that compiled but failed while running (missing key, bad types, ...). */
public final class CelEvalException extends Exception {
    public CelEvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
