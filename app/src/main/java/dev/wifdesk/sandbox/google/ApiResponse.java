package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON answer: HTTP status and body. */
record ApiResponse(int status, JsonNode body) {
    static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }
}
