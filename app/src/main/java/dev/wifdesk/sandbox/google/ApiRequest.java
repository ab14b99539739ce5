package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One decoded call: effective method (after {@code X-HTTP-Method-Override}), Google host, path
 * below the host, query parameters, the (un-gzipped) body, the Authorization header and the path
 * parameters the matched route captured.
 */
final class ApiRequest {
    private final String method;
    private final String host;
    private final String path;
    private final Map<String, String> query;
    private final byte[] body;
    private final String authorization;
    private final String contentType;
    private final ObjectMapper mapper;
    private List<String> pathParams = List.of();
    private Map<String, List<String>> repeatedQuery = Map.of();

    ApiRequest(String method, String host, String path, Map<String, String> query, byte[] body,
               String authorization, String contentType, ObjectMapper mapper) {
        this.method = method;
        this.host = host;
        this.path = path;
        this.query = Map.copyOf(query);
        this.body = body;
        this.authorization = authorization;
        this.contentType = contentType;
        this.mapper = mapper;
    }

    String method() {
        return method;
    }

    String host() {
        return host;
    }

    String path() {
        return path;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    void pathParams(List<String> params) {
        this.pathParams = List.copyOf(params);
    }

    /** The i-th captured path segment (0-based), already percent-decoded. */
    int pathParamCount() {
        return pathParams.size();
    }

    String pathParam(int i) {
        return pathParams.get(i);
    }

    void repeatedQuery(Map<String, List<String>> values) {
        this.repeatedQuery = Map.copyOf(values);
    }

    /** Every value of a repeated query parameter ({@code names=a&names=b}), in order; empty when absent. */
    List<String> queryAll(String name) {
        return List.copyOf(repeatedQuery.getOrDefault(name, List.of()));
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    byte[] body() {
        return body;
    }

    Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** The bearer token, if the request carries one. */
    Optional<String> bearer() {
        if (authorization == null) {
            return Optional.empty();
        }
        String a = authorization.trim();
        if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = a.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    /** The JSON body as an object; an empty body is {@code {}}; anything else is a 400 like Google's. */
    ObjectNode json() {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // no location for limits such as nesting depth or number length (Jackson's stream constraints)
            var where = e.getLocation();
            throw GoogleErrors.invalidArgument(where == null ? "Invalid JSON payload received."
                    : "Invalid JSON payload received. Unexpected token at line " + where.getLineNr() + ", column "
                            + where.getColumnNr() + ".");
        } catch (java.io.IOException e) {
            throw GoogleErrors.invalidArgument("Invalid JSON payload received.");
        }
        if (node == null || node.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw GoogleErrors.invalidArgument("Invalid JSON payload received. Expected an object at the top level.");
        }
        return (ObjectNode) node;
    }

    /** An {@code application/x-www-form-urlencoded} body (STS). */
    Map<String, String> form() {
        Map<String, String> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a broken %-escape: keep the raw text, the field check will reject it
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }
}
