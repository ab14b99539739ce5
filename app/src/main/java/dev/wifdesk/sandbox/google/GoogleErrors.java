package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.model.ErrorTexts;
import java.util.List;

/**
 * The Google error envelope and the errors the sandbox raises. Shape:
 * {@code {"error":{"code","message","status","errors":[{"domain":"global","reason","message"}],"details":[...]}}}.
 * Texts from the WIF-FACTS catalogue come from {@link ErrorTexts}; the generic ones are Google's
 * canonical status messages.
 */
final class GoogleErrors {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GoogleErrors() {
    }

    static ObjectNode envelope(ApiException e) {
        ObjectNode error = NODES.objectNode();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("status", e.status());
        ObjectNode legacy = error.putArray("errors").addObject();
        legacy.put("message", e.getMessage());
        legacy.put("domain", "global");
        legacy.put("reason", e.reason());
        if (!e.details().isEmpty()) {
            var details = error.putArray("details");
            e.details().forEach(details::add);
        }
        ObjectNode root = NODES.objectNode();
        root.set("error", error);
        return root;
    }

    static ApiException invalidArgument(String message) {
        return new ApiException(400, "INVALID_ARGUMENT", "badRequest", message, List.of());
    }

    static ApiException failedPrecondition(String message) {
        return new ApiException(400, "FAILED_PRECONDITION", "failedPrecondition", message, List.of());
    }

    static ApiException notFound() {
        return notFound("Requested entity was not found.");
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", "notFound", message, List.of());
    }

    static ApiException alreadyExists(String message) {
        return new ApiException(409, "ALREADY_EXISTS", "alreadyExists", message, List.of());
    }

    static ApiException concurrentPolicyChange() {
        return new ApiException(409, "ABORTED", "aborted", ErrorTexts.CONCURRENT_POLICY_CHANGES, List.of());
    }

    /** IAM's form: {@code Permission 'PERM' denied on resource (or it may not exist).} with an ErrorInfo detail. */
    static ApiException iamPermissionDenied(String permission) {
        String message = "Permission '" + permission + "' denied on resource (or it may not exist).";
        ObjectNode info = errorInfo("IAM_PERMISSION_DENIED", "iam.googleapis.com");
        info.putObject("metadata").put("permission", permission);
        return new ApiException(403, "PERMISSION_DENIED", "forbidden", message, List.of(info));
    }

    /** Generic 403 of Resource Manager and Dataflow (catalogue #13). */
    static ApiException callerHasNoPermission() {
        return new ApiException(403, "PERMISSION_DENIED", "forbidden", ErrorTexts.CALLER_NO_PERMISSION, List.of());
    }

    static ApiException permissionDenied(String message) {
        return new ApiException(403, "PERMISSION_DENIED", "forbidden", message, List.of());
    }

    /** 401 (catalogue #14); {@code why} is the ErrorInfo reason, e.g. ACCESS_TOKEN_TYPE_UNSUPPORTED. */
    static ApiException unauthenticated(String why, String service) {
        ObjectNode info = errorInfo(why, "googleapis.com");
        info.putObject("metadata").put("service", service);
        return new ApiException(401, "UNAUTHENTICATED", "authError", ErrorTexts.INVALID_AUTH_CREDENTIALS, List.of(info));
    }

    static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(405, "UNIMPLEMENTED", "methodNotAllowed",
                "Method " + method + " is not allowed on /" + path + ".", List.of());
    }

    static ApiException pathNotFound(String path) {
        return new ApiException(404, "NOT_FOUND", "notFound",
                "The requested URL /" + path + " was not found on this server.", List.of());
    }

    static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "INVALID_ARGUMENT", "badRequest",
                "Request payload size exceeds the limit: " + limit + " bytes.", List.of());
    }

    static ApiException tooManyRequests() {
        return new ApiException(429, "RESOURCE_EXHAUSTED", "rateLimitExceeded",
                "Resource has been exhausted (e.g. check quota).", List.of());
    }

    static ApiException internal() {
        return new ApiException(500, "INTERNAL", "backendError", "Internal error encountered.", List.of());
    }

    static ApiException unavailable() {
        return new ApiException(503, "UNAVAILABLE", "backendError", "The service is currently unavailable.", List.of());
    }

    static ObjectNode errorInfo(String reason, String domain) {
        ObjectNode info = NODES.objectNode();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", reason);
        info.put("domain", domain);
        return info;
    }
}
