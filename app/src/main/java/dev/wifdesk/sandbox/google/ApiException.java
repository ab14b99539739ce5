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
    private final String legacyMessage;

    ApiException(int code, String status, String reason, String message, List<ObjectNode> details) {
        this(code, status, reason, message, details, null);
    }

    ApiException(int code, String status, String reason, String message, List<ObjectNode> details,
                 String wwwAuthenticate) {
        this(code, status, reason, message, details, wwwAuthenticate, null);
    }

    /** @param legacyMessage the {@code errors[0].message} when it differs from the message (401s), else null */
    ApiException(int code, String status, String reason, String message, List<ObjectNode> details,
                 String wwwAuthenticate, String legacyMessage) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.reason = reason;
        this.details = List.copyOf(details);
        this.wwwAuthenticate = wwwAuthenticate;
        this.legacyMessage = legacyMessage;
    }

    /** The {@code errors[0].message}: the message itself unless a 401 names the header it is about. */
    String legacyMessage() {
        return legacyMessage == null ? getMessage() : legacyMessage;
    }

    /** True when the legacy entry points at the Authorization header (401s). */
    boolean aboutAuthorizationHeader() {
        return legacyMessage != null;
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
