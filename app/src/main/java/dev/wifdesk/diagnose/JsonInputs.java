package dev.wifdesk.diagnose;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads user-supplied JSON into trees, turning parser errors into "line L, column C: reason". */
public final class JsonInputs {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private JsonInputs() {
    }

    public static JsonNode readObject(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new InvalidJsonException(what + " is empty: expected a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(what + " is not valid JSON: " + position(e) + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidJsonException(what + " must be a JSON object, found " + (node == null ? "nothing" : node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }

    /** A JSON object as plain Java values (maps, lists, strings, numbers, booleans). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMap(String json, String what) {
        JsonNode node = readObject(json, what);
        return new LinkedHashMap<>(MAPPER.convertValue(node, Map.class));
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String position(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
