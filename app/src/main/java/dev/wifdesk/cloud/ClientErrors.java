package dev.wifdesk.cloud;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import dev.wifdesk.audit.Redactor;

/**
 * An exception from the official clients as one short, redacted line for a person: the server's
 * own message when it sent one, never a stack trace or a JSON body.
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
        int nl = m.indexOf('\n');
        return Redactor.redact((nl < 0 ? m : m.substring(0, nl)).strip());
    }
}
