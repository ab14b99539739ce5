package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/** The {@code testIamPermissions} answer: the subset of the asked permissions the caller holds. */
final class Permissions {
    private Permissions() {
    }

    static ObjectNode granted(ObjectNode body, Predicate<String> holds) {
        JsonNode asked = body.path("permissions");
        if (!asked.isArray()) {
            throw GoogleErrors.invalidArgument("Required field \"permissions\" is missing.");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode granted = JsonNodeFactory.instance.arrayNode();
        for (JsonNode p : asked) {
            if (p.isTextual() && holds.test(p.asText())) {
                granted.add(p.asText());
            }
        }
        if (!granted.isEmpty()) {
            out.set("permissions", granted);
        }
        return out;
    }
}
