package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.model.ErrorTexts;
import java.util.List;

/**
 * The Google error envelope and the errors the sandbox raises. Shape:
 * {@code {"error":{"code","message","errors":[{"message","domain":"global","reason"}],"status","details":[...]}}}.
 * The legacy {@code errors[]} array is there for IAM, Resource Manager, Service Usage and Dataflow
 * (Go clients print its reason: "Error 409: Service account X already exists within project
 * projects/P. ..., alreadyExists" in many public Terraform logs) but not for IAM Credentials, whose
 * real 403s carry none (google-github-actions/auth#340, DataDog/stratus-red-team#299). Texts from
 * the WIF-FACTS catalogue come from {@link ErrorTexts}; the generic ones are Google's canonical
 * status messages. See docs/sandbox-fidelity.md for the sources of each shape.
 */
final class GoogleErrors {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Google's front end appends this to its 401 messages (seen in 401 bodies of KMS, Text-to-Speech, Resource Manager). */
    static final String DEVCONSOLE_HINT = " See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    /** The 401 text when no credential was sent (verbatim from public 401 bodies of BigQuery and Analytics). */
    static final String CREDENTIALS_MISSING_MESSAGE = "Request is missing required authentication credential. "
            + "Expected OAuth 2 access token, login cookie or other valid authentication credential." + DEVCONSOLE_HINT;
    /** {@code WWW-Authenticate} of Google's 401s. */
    static final String BEARER_REALM = "Bearer realm=\"https://accounts.google.com/\"";
    /** ... and of a 401 for a rejected (expired, unknown) token, as captured from People and Photos API answers. */
    static final String BEARER_INVALID_TOKEN = BEARER_REALM + ", error=\"invalid_token\"";

    /** Hosts whose error envelopes have no legacy {@code errors[]} array. */
    static final java.util.Set<String> WITHOUT_LEGACY_ERRORS = java.util.Set.of("iamcredentials.googleapis.com");

    private GoogleErrors() {
    }

    static ObjectNode envelope(ApiException e, boolean legacyErrors) {
        ObjectNode error = NODES.objectNode();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (legacyErrors) {
            ObjectNode legacy = error.putArray("errors").addObject();
            legacy.put("message", e.legacyMessage());
            legacy.put("domain", "global");
            legacy.put("reason", e.reason());
            if (e.aboutAuthorizationHeader()) {
                legacy.put("location", "Authorization");
                legacy.put("locationType", "header");
            }
        }
        error.put("status", e.status());
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

    /** 409 with the ResourceInfo detail IAM adds for a taken service account id (public Terraform logs). */
    static ApiException alreadyExists(String message, String resourceName) {
        ObjectNode info = NODES.objectNode();
        info.put("@type", "type.googleapis.com/google.rpc.ResourceInfo");
        info.put("resourceName", resourceName);
        return new ApiException(409, "ALREADY_EXISTS", "alreadyExists", message, List.of(info));
    }

    static ApiException concurrentPolicyChange() {
        return new ApiException(409, "ABORTED", "aborted", ErrorTexts.CONCURRENT_POLICY_CHANGES, List.of());
    }

    /** IAM's form: {@code Permission 'PERM' denied on resource (or it may not exist).} with an ErrorInfo detail. */
    static ApiException iamPermissionDenied(String permission) {
        String message = ErrorTexts.permissionDeniedOnResource(permission);
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

    /**
     * 401 without any credential: ErrorInfo {@code CREDENTIALS_MISSING}, domain {@code googleapis.com}.
     * The header is the bare realm (RFC 6750 3.1: no error code when no credential was sent; the exact
     * header Google sends here was not found in a public capture).
     */
    static ApiException credentialsMissing(String service) {
        ObjectNode info = errorInfo("CREDENTIALS_MISSING", "googleapis.com");
        info.putObject("metadata").put("service", service);
        // legacy entry {"message":"Login Required.","reason":"required","location":"Authorization"} as in the captures
        return new ApiException(401, "UNAUTHENTICATED", "required", CREDENTIALS_MISSING_MESSAGE, List.of(info), BEARER_REALM,
                "Login Required.");
    }

    /**
     * 401 for an expired, revoked or unknown token (catalogue #14 text): ErrorInfo
     * {@code ACCESS_TOKEN_EXPIRED}, domain {@code googleapis.com}, and {@code error="invalid_token"} in
     * the header, which makes google-auth-library refresh its credentials and retry the call.
     */
    static ApiException tokenRejected(String service) {
        ObjectNode info = errorInfo("ACCESS_TOKEN_EXPIRED", "googleapis.com");
        info.putObject("metadata").put("service", service);
        // legacy entry "Invalid Credentials" / authError, as Go clients print it (GeneralTask/task-manager#997)
        return new ApiException(401, "UNAUTHENTICATED", "authError", ErrorTexts.INVALID_AUTH_CREDENTIALS + DEVCONSOLE_HINT,
                List.of(info), BEARER_INVALID_TOKEN, "Invalid Credentials");
    }

    /**
     * 401 for a valid token of the wrong type, e.g. a federated STS token on Dataflow (catalogue #14).
     * Public captures of this ErrorInfo carry no {@code domain}. Its header was not found in a public
     * capture: the bare realm keeps google-auth from re-running the STS exchange in a loop.
     */
    static ApiException tokenTypeUnsupported(String service) {
        ObjectNode info = NODES.objectNode();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("reason", "ACCESS_TOKEN_TYPE_UNSUPPORTED");
        info.putObject("metadata").put("service", service);
        return new ApiException(401, "UNAUTHENTICATED", "authError", ErrorTexts.INVALID_AUTH_CREDENTIALS + DEVCONSOLE_HINT,
                List.of(info), BEARER_REALM, "Invalid Credentials");
    }

    /**
     * 403 of an API that is off in the consumer project (catalogue #28): the message, the legacy reason
     * {@code accessNotConfigured} (Go and Terraform print {@code , accessNotConfigured}), and the details
     * as a 2025 raw capture shows them: ErrorInfo {@code SERVICE_DISABLED} / {@code googleapis.com} with
     * {@code service, consumer, activationUrl, serviceTitle, containerInfo}; LocalizedMessage
     * {@code en-US}; Help link "Google developers console API activation" (docs/sandbox-fidelity.md).
     */
    static ApiException serviceDisabled(String service, String title, String projectNumber) {
        String url = "https://console.developers.google.com/apis/api/" + service + "/overview?project=" + projectNumber;
        String message = title + " has not been used in project " + projectNumber + " before or it is disabled. Enable it"
                + " by visiting " + url + " then retry. If you enabled this API recently, wait a few minutes for the action"
                + " to propagate to our systems and retry.";
        ObjectNode info = errorInfo("SERVICE_DISABLED", "googleapis.com");
        ObjectNode metadata = info.putObject("metadata");
        metadata.put("service", service);
        metadata.put("consumer", "projects/" + projectNumber);
        metadata.put("activationUrl", url);
        metadata.put("serviceTitle", title);
        metadata.put("containerInfo", projectNumber);
        ObjectNode localized = NODES.objectNode();
        localized.put("@type", "type.googleapis.com/google.rpc.LocalizedMessage");
        localized.put("locale", "en-US");
        localized.put("message", message);
        ObjectNode help = NODES.objectNode();
        help.put("@type", "type.googleapis.com/google.rpc.Help");
        ObjectNode link = help.putArray("links").addObject();
        link.put("description", "Google developers console API activation");
        link.put("url", url);
        return new ApiException(403, "PERMISSION_DENIED", "accessNotConfigured", message, List.of(info, localized, help));
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
