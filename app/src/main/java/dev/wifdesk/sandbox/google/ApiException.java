package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Google API error on its way to the client: HTTP code, canonical status, message, the legacy
 * {@code errors[].reason}, optional {@code details} and, for a 401, the {@code WWW-Authenticate}
 * header. Rendered by {@link GoogleErrors#envelope}.
 * Messages never carry secrets (no tokens, no request bodies).
 */
final class ApiException extends RuntimeException {
    private final int code;
    private final String status;
    private final String reason;
    private final List<ObjectNode> details;
    private final String wwwAuthenticate;

    ApiException(int code, String status, String reason, String message, List<ObjectNode> details) {
        this(code, status, reason, message, details, null);
    }

    ApiException(int code, String status, String reason, String message, List<ObjectNode> details,
                 String wwwAuthenticate) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.reason = reason;
        this.details = List.copyOf(details);
        this.wwwAuthenticate = wwwAuthenticate;
    }

    /** The {@code WWW-Authenticate} header of a 401, or null. */
    String wwwAuthenticate() {
        return wwwAuthenticate;
    }

    int code() {
        return code;
    }

    String status() {
        return status;
    }

    String reason() {
        return reason;
    }

    List<ObjectNode> details() {
        return details;
    }
}
