package dev.wifdesk.ui.connection;

/** Google Cloud was chosen but no Application Default Credentials were found (the message says what to run). */
public final class NoCredentialsException extends Exception {
    public static final String MESSAGE = "No Application Default Credentials: run gcloud auth application-default login";

    public NoCredentialsException() {
        super(MESSAGE, null, false, false);
    }
}
