package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON answer: HTTP status, body and (401 only) the {@code WWW-Authenticate} header, or null. */
record ApiResponse(int status, JsonNode body, String wwwAuthenticate) {
    ApiResponse(int status, JsonNode body) {
        this(status, body, null);
    }

    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse error(ApiException e, String host) {
        return new ApiResponse(e.code(), GoogleErrors.envelope(e, !GoogleErrors.WITHOUT_LEGACY_ERRORS.contains(host)),
                e.wwwAuthenticate());
    }
}
