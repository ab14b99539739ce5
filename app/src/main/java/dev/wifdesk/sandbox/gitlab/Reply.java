package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, content type, extra headers, body. */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Reply json(int status, Object value) {
        try {
            return new Reply(status, "application/json", new LinkedHashMap<>(), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply ok(Object value) {
        return json(200, value);
    }

    static Reply text(String text) {
        return new Reply(200, "text/plain; charset=utf-8", new LinkedHashMap<>(), text.getBytes(StandardCharsets.UTF_8));
    }

    static Reply noContent() {
        return new Reply(204, null, new LinkedHashMap<>(), new byte[0]);
    }

    Reply withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
