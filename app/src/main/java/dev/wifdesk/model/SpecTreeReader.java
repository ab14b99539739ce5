package dev.wifdesk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads values out of a Jackson tree by hand, naming each problem by its field path
 * ({@code gcp.provider.audiences[2]}, {@code gcp.provider.attributeMapping["attribute.x"]}).
 * Missing values come back as null: whether they are required is the validator's call.
 */
final class SpecTreeReader {
    private final List<SpecProblem> problems = new ArrayList<>();

    List<SpecProblem> problems() {
        return problems;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String entry(String path, String key) {
        return path + "[\"" + key + "\"]";
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** The object at {@code path}, its unknown keys reported (with the closest known key); null when absent or not an object. */
    ObjectNode object(JsonNode node, String path, Set<String> knownKeys) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(SpecProblem.of(path, "is " + describe(node) + ", expected a mapping", SpecRules.TYPE_MAP));
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("<<")) {
                problems.add(SpecProblem.of(child(path, key), "YAML merge keys are not supported; write the keys out",
                        SpecRules.KNOWN_KEYS));
            } else if (!knownKeys.contains(key)) {
                String hint = KeySuggestions.closest(key, knownKeys).map(k -> "; did you mean \"" + k + "\"?")
                        .orElse("; known keys: " + String.join(", ", knownKeys));
                problems.add(SpecProblem.of(child(path, key), "unknown key" + hint, SpecRules.KNOWN_KEYS));
            }
        }
        return (ObjectNode) node;
    }

    String text(ObjectNode parent, String key, String path) {
        return parent == null ? null : text(parent.get(key), child(path, key));
    }

    /** Scalars become text (YAML reads {@code id: 1234} as a number; the validator judges the text). */
    String text(JsonNode node, String path) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isValueNode()) {
            problems.add(SpecProblem.of(path, "is " + describe(node) + ", expected text", SpecRules.TYPE_STRING));
            return null;
        }
        return node.asText();
    }

    Boolean bool(ObjectNode parent, String key, String path) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            problems.add(SpecProblem.of(child(path, key), "is " + describe(node) + ", expected true or false",
                    SpecRules.TYPE_BOOLEAN));
            return null;
        }
        return node.booleanValue();
    }

    /** A list of text; a single scalar is NOT silently taken as a one-element list. */
    List<String> textList(ObjectNode parent, String key, String path) {
        JsonNode node = parent == null ? null : parent.get(key);
        String p = child(path, key);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(SpecProblem.of(p, "is " + describe(node) + ", expected a list", SpecRules.TYPE_LIST));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String v = text(node.get(i), index(p, i));
            if (v == null && isAbsent(node.get(i))) {
                problems.add(SpecProblem.of(index(p, i), "is empty", SpecRules.TYPE_STRING));
            }
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** A mapping of text to text in the file's order; keys are free-form (not checked against a list). */
    Map<String, String> textMap(ObjectNode parent, String key, String path) {
        JsonNode node = parent == null ? null : parent.get(key);
        String p = child(path, key);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(SpecProblem.of(p, "is " + describe(node) + ", expected a mapping", SpecRules.TYPE_MAP));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            String v = text(e.getValue(), entry(p, e.getKey()));
            if (v == null && isAbsent(e.getValue())) {
                problems.add(SpecProblem.of(entry(p, e.getKey()), "has no value", SpecRules.TYPE_STRING));
            }
            if (v != null) {
                out.put(e.getKey(), v);
            }
        });
        return out;
    }

    /** The elements of a list of objects (null elements included, so indexes stay right). */
    List<JsonNode> list(ObjectNode parent, String key, String path) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(SpecProblem.of(child(path, key), "is " + describe(node) + ", expected a list",
                    SpecRules.TYPE_LIST));
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.asText() + ")";
        }
        if (node.isNumber()) {
            return "a number (" + node.asText() + ")";
        }
        return "text \"" + node.asText() + "\"";
    }
}
