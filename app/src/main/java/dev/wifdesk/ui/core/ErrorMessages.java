package dev.wifdesk.ui.core;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.wifdesk.audit.Redactor;

/** An exception as one short, redacted line for an inline message: never a stack trace or a JSON body. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static String oneLine(Throwable t) {
        if (t == null) {
            return "";
        }
        String m;
        if (t instanceof GoogleJsonResponseException g && g.getDetails() != null && g.getDetails().getMessage() != null) {
            m = g.getStatusCode() + " " + g.getDetails().getMessage();
        } else {
            m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        int nl = m.indexOf('\n');
        return Redactor.redact((nl < 0 ? m : m.substring(0, nl)).strip());
    }
}
