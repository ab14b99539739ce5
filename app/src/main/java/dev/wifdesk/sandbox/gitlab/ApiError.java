package dev.wifdesk.sandbox.gitlab;

import java.util.List;
import java.util.Map;

/** A GitLab API error: the status and the JSON body GitLab sends for it. */
final class ApiError extends Exception {
    final int status;
    final Object body;

    private ApiError(int status, Object body) {
        super(null, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** {@code {"message":"404 Project Not Found"}} and friends. */
    static ApiError notFound(String what) {
        return new ApiError(404, Map.of("message", "404 " + what + " Not Found"));
    }

    /** GitLab's answer for a path no API route matches. */
    static ApiError noRoute() {
        return new ApiError(404, Map.of("error", "404 Not Found"));
    }

    static ApiError unauthorized() {
        return new ApiError(401, Map.of("message", "401 Unauthorized"));
    }

    static ApiError forbidden() {
        return new ApiError(403, Map.of("message", "403 Forbidden"));
    }

    static ApiError insufficientScope() {
        return new ApiError(403, Map.of("error", "insufficient_scope",
                "error_description", "The request requires higher privileges than provided by the access token.",
                "scope", "api"));
    }

    static ApiError methodNotAllowed() {
        return new ApiError(405, Map.of("error", "405 Not Allowed"));
    }

    /** {@code {"message":"400 Bad request - DETAIL"}}: GitLab's bad_request! helper. */
    static ApiError badRequest(String detail) {
        return new ApiError(400, Map.of("message", "400 Bad request - " + detail));
    }

    /** Grape parameter validation: {@code {"error":"key is missing"}}. */
    static ApiError paramError(String text) {
        return new ApiError(400, Map.of("error", text));
    }

    /** Model validation: {@code {"message":{"FIELD":["TEXT"]}}}. */
    static ApiError validation(String field, String text) {
        return new ApiError(400, Map.of("message", Map.of(field, List.of(text))));
    }

    /** {@code render_api_error!(TEXT, STATUS)}: {@code {"message":"TEXT"}}. */
    static ApiError message(int status, String text) {
        return new ApiError(status, Map.of("message", text));
    }

    /** GitLab's {@code not_allowed!}: {@code {"message":"405 Method Not Allowed"}}. */
    static ApiError methodNotAllowedMessage() {
        return message(405, "405 Method Not Allowed");
    }

    /** A merge request's model errors: {@code {"message":["TEXT"]}} with 409 (as the merge requests API answers). */
    static ApiError conflictList(String text) {
        return new ApiError(409, Map.of("message", List.of(text)));
    }

    /** Model errors as a list with 400: {@code {"message":["TEXT"]}}. */
    static ApiError validationList(String text) {
        return new ApiError(400, Map.of("message", List.of(text)));
    }
}
