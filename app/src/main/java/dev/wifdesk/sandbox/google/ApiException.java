package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Google API error on its way to the client: HTTP code, canonical status, message, the legacy
 * {@code errors[].reason} and optional {@code details}. Rendered by {@link GoogleErrors#envelope}.
 * Messages never carry secrets (no tokens, no request bodies).
 */
final class ApiException extends RuntimeException {
    private final int code;
    private final String status;
    private final String reason;
    private final List<ObjectNode> details;

    ApiException(int code, String status, String reason, String message, List<ObjectNode> details) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.reason = reason;
        this.details = List.copyOf(details);
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
