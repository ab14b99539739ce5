package dev.wifdesk.cloud;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import dev.wifdesk.audit.Redactor;

/**
 * An exception from the official clients as one short, redacted line for a person: the server's
 * own message when it sent one, never a stack trace or a JSON body. The one place where an error
 * becomes a line: the command line's stderr, the GUI's status lines and the notes of a diagnosis.
 */
public final class ClientErrors {
    private ClientErrors() {
    }

    public static String oneLine(Throwable t) {
        if (t == null) {
            return "";
        }
        String m;
        if (t instanceof GoogleJsonResponseException g && g.getDetails() != null && g.getDetails().getMessage() != null) {
            m = g.getStatusCode() + " " + g.getDetails().getMessage();
        } else if (t instanceof HttpResponseException h && h.getStatusCode() == 401) {
            // Java's HTTP client drops the body of a 401 to a POST: say what it means instead
            m = "401 Unauthorized: the credentials were not accepted (Google Cloud: run 'gcloud auth "
                    + "application-default login'; sandbox: it may have restarted, connect again)";
        } else {
            m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return Redactor.redact(firstLine(m));
    }

    /**
     * Our own multi-line message (an option check, a state-dir problem) as one redacted line: its
     * lines joined with a space, nothing dropped. {@code fallback} when there is no message.
     */
    public static String joined(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        return Redactor.redact(message.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /** The first line of a server's text (the rest is usually a JSON body or a stack), stripped; "" for null. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
