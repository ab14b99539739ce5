package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A parsed API request: decoded path segments (gitlab4j sends {@code acme%2Fpipelines}),
 * query and body parameters merged the way Grape merges them (form, JSON, or query string).
 */
final class ApiRequest {
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final long DRAIN_LIMIT = 32L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String method;
    final List<String> segments;
    final Map<String, String> params = new LinkedHashMap<>();
    final HttpExchange exchange;
    JsonNode json;

    private ApiRequest(String method, List<String> segments, HttpExchange exchange) {
        this.method = method;
        this.segments = segments;
        this.exchange = exchange;
    }

    static ApiRequest parse(HttpExchange exchange, String pathAfterPrefix) throws ApiError {
        String method = exchange.getRequestMethod().toUpperCase();
        String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
        if ("POST".equals(method) && override != null && !override.isBlank()) {
            method = override.trim().toUpperCase();
        }
        List<String> segments = new ArrayList<>();
        for (String raw : pathAfterPrefix.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        ApiRequest request = new ApiRequest(method, segments, exchange);
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            request.params.putAll(formParams(query));
        }
        request.readBody();
        return request;
    }

    private void readBody() throws ApiError {
        byte[] body = readLimited();
        if (body.length == 0) {
            return;
        }
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("").toLowerCase();
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.contains("json") || (!type.contains("form") && text.stripLeading().startsWith("{"))) {
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                throw ApiError.badRequest("invalid JSON body");
            }
            if (json == null || !json.isObject()) {
                throw ApiError.badRequest("the request body must be a JSON object");
            }
            json.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                    params.put(f.getKey(), f.getValue().asText());
                }
            });
        } else {
            params.putAll(formParams(text));
        }
    }

    private byte[] readLimited() throws ApiError {
        try (InputStream raw = exchange.getRequestBody()) {
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            InputStream in = encoding != null && encoding.toLowerCase().contains("gzip") ? new GZIPInputStream(raw) : raw;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    drain(raw);
                    throw ApiError.badRequest("request body exceeds " + MAX_BODY_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable request body");
        }
    }

    /** Reads (and drops) a bounded rest of an oversized body so the client gets our answer, not a reset. */
    private static void drain(InputStream in) {
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        try {
            int n;
            while (drained < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
                drained += n;
            }
        } catch (IOException ignored) {
            // the client gave up; the answer may not reach it anyway
        }
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    String required(String name) throws ApiError {
        String v = params.get(name);
        if (v == null) {
            throw ApiError.paramError(name + " is missing");
        }
        return v;
    }

    int intParam(String name, int fallback, int max) throws ApiError {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.trim());
            return Math.max(1, Math.min(i, max));
        } catch (NumberFormatException e) {
            throw ApiError.paramError(name + " is invalid");
        }
    }

    static Map<String, String> formParams(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(formDecode(k), formDecode(v));
        }
        return out;
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Path segments use percent-encoding only: a '+' stays a '+'. */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
