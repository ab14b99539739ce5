package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * What pools and providers share: soft delete for 30 days, undelete, and updateMask patches of
 * the simple fields.
 */
final class SoftDelete {
    static final Duration RETENTION = Duration.ofDays(30);

    private SoftDelete() {
    }

    static boolean isDeleted(JsonNode resource) {
        return "DELETED".equals(resource.path("state").asText());
    }

    static void delete(ObjectNode resource, Instant now) {
        if (isDeleted(resource)) {
            throw GoogleErrors.failedPrecondition("The resource " + resource.get("name").asText() + " is already deleted.");
        }
        resource.put("state", "DELETED");
        resource.put("expireTime", now.plus(RETENTION).truncatedTo(ChronoUnit.MILLIS).toString());
    }

    static void undelete(ObjectNode resource) {
        if (!isDeleted(resource)) {
            throw GoogleErrors.failedPrecondition("The resource " + resource.get("name").asText() + " is not deleted.");
        }
        resource.put("state", "ACTIVE");
        resource.remove("expireTime");
    }

    static void requireNotDeleted(JsonNode resource) {
        if (isDeleted(resource)) {
            throw GoogleErrors.failedPrecondition("The resource " + resource.get("name").asText()
                    + " is deleted; undelete it first.");
        }
    }

    /** Parses updateMask into API field names ({@code display_name} and {@code displayName} both accepted). */
    static Set<String> mask(ApiRequest request, Map<String, String> allowed) {
        String raw = request.query("updateMask")
                .orElseThrow(() -> GoogleErrors.invalidArgument("Required parameter \"updateMask\" is missing."));
        java.util.LinkedHashSet<String> fields = new java.util.LinkedHashSet<>();
        for (String p : raw.split(",")) {
            String path = p.trim();
            if (path.isEmpty()) {
                continue;
            }
            String field = allowed.get(path);
            if (field == null) {
                throw GoogleErrors.invalidArgument("Invalid value for \"updateMask\": field \"" + path
                        + "\" cannot be updated. Updatable fields: " + String.join(", ", Set.copyOf(allowed.values())) + ".");
            }
            fields.add(field);
        }
        if (fields.isEmpty()) {
            throw GoogleErrors.invalidArgument("Required parameter \"updateMask\" is missing.");
        }
        return fields;
    }

    /** Copies a top-level field from the patch body onto the resource; absent or null clears it. */
    static void copyField(ObjectNode target, JsonNode patch, String field) {
        JsonNode v = patch.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty()) || (v.isBoolean() && !v.asBoolean())) {
            target.remove(field);
        } else {
            target.set(field, v.deepCopy());
        }
    }
}
