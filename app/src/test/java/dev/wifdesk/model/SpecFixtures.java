package dev.wifdesk.model;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.cel.CelEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The CLI.md spec example, and copies of it with one value changed. */
final class SpecFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecFixtures() {
    }

    static SpecParser parser() {
        return new SpecParser(new SpecValidator(new CelEngine()));
    }

    static String resource(String name) {
        try (InputStream in = SpecFixtures.class.getResourceAsStream("/spec/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /spec/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode example() {
        try {
            return (ObjectNode) JSON.readTree(resource("example.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The example with the value at a JSON pointer replaced ({@code value} parsed as JSON; null
     * removes the field). {@code /gcp/provider/attributeMapping/google.subject} works: only '/' splits.
     */
    static String exampleWith(String pointer, String jsonValue) {
        ObjectNode root = example();
        set(root, pointer, jsonValue);
        return root.toString();
    }

    static void set(ObjectNode root, String pointer, String jsonValue) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        String last = p.last().getMatchingProperty();
        try {
            JsonNode value = jsonValue == null ? null : JSON.readTree(jsonValue);
            if (parent instanceof ObjectNode o) {
                if (value == null) {
                    o.remove(last);
                } else {
                    o.set(last, value);
                }
            } else if (parent instanceof ArrayNode a) {
                int i = p.last().getMatchingIndex();
                if (value == null) {
                    a.remove(i);
                } else if (i == a.size()) {
                    a.add(value);
                } else {
                    a.set(i, value);
                }
            } else {
                throw new IllegalArgumentException("no container at " + p.head());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
