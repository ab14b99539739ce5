package dev.wifdesk.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wifdesk.model.ResourceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a WorkloadIdentityPoolProvider (IAM v1 JSON) that decide a token exchange.
 * {@code name} is the full resource name as IAM returns it (project NUMBER).
 */
public record ProviderInfo(String name, boolean disabled, String state, Map<String, String> attributeMapping,
                           String attributeCondition, String issuerUri, List<String> allowedAudiences, String jwksJson) {

    public ProviderInfo {
        name = name == null ? "" : name;
        state = state == null ? "" : state;
        attributeMapping = attributeMapping == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(attributeMapping));
        allowedAudiences = allowedAudiences == null ? List.of() : List.copyOf(allowedAudiences);
    }

    /**
     * Parses the provider JSON exactly as {@code GET v1/{name}} returns it.
     *
     * @throws InvalidJsonException naming the position of a syntax error or the field that has the wrong shape
     */
    public static ProviderInfo fromJson(String json) {
        JsonNode node = JsonInputs.readObject(json, "provider");
        Map<String, String> mapping = new LinkedHashMap<>();
        JsonNode m = node.get("attributeMapping");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                throw new InvalidJsonException("provider field attributeMapping must be an object of key -> CEL expression");
            }
            m.fields().forEachRemaining(e -> mapping.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode oidc = node.path("oidc");
        List<String> audiences = new ArrayList<>();
        JsonNode aud = oidc.get("allowedAudiences");
        if (aud != null && !aud.isNull()) {
            if (!aud.isArray()) {
                throw new InvalidJsonException("provider field oidc.allowedAudiences must be an array of strings");
            }
            aud.forEach(a -> audiences.add(a.asText()));
        }
        return new ProviderInfo(JsonInputs.text(node, "name"), node.path("disabled").asBoolean(false),
                JsonInputs.text(node, "state"), mapping, JsonInputs.text(node, "attributeCondition"),
                JsonInputs.text(oidc, "issuerUri"), audiences, JsonInputs.text(oidc, "jwksJson"));
    }

    public Optional<ResourceNames.ProviderRef> ref() {
        return ResourceNames.parseProvider(name);
    }

    public boolean deleted() {
        return "DELETED".equalsIgnoreCase(state);
    }

    public boolean hasCondition() {
        return attributeCondition != null && !attributeCondition.isBlank();
    }
}
