package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP entry point: decodes the request the way Google's front end does (host prefix,
 * method override, gzip, size limit, ignored system parameters), applies latency and faults,
 * dispatches to the matching {@link Route} and renders every failure as a Google error envelope.
 * Never lets an exception or a stack trace reach the client.
 */
final class Router implements HttpHandler {
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** Bytes of an oversized body we still read (and drop) so the client gets our 413 rather than a reset. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;
    private static final Set<String> SYSTEM_PARAMETERS = Set.of("alt", "fields", "prettyPrint", "$.xgafv", "key",
            "quotaUser", "userIp", "callback", "upload_protocol", "uploadType", "access_token");
    private static final String JSON_TYPE = "application/json; charset=UTF-8";
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes = new ArrayList<>();
    private final ObjectMapper mapper;
    private final FaultPlan faults;
    private final long latencyMs;
    /** Requests by shape ("POST iam.googleapis.com/v1/projects/{*}/..."): what a bench counts. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> requests =
            new java.util.concurrent.ConcurrentHashMap<>();

    Router(ObjectMapper mapper, FaultPlan faults, long latencyMs) {
        this.mapper = mapper;
        this.faults = faults;
        this.latencyMs = latencyMs;
    }

    Router add(List<Route> more) {
        routes.addAll(more);
        return this;
    }

    /** Signals that the connection must be closed without an answer (the "drop" fault). */
    private static final class DropConnection extends RuntimeException {
        DropConnection() {
            super(null, null, false, false);
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            ApiResponse response;
            try {
                response = dispatch(exchange);
            } catch (ApiException e) {
                response = ApiResponse.error(e, hostOf(exchange));
            }
            write(exchange, response);
        } catch (DropConnection e) {
            // closing without response headers makes the JDK server close the socket
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away mid-exchange; there is nobody left to answer
            LOG.debug("sandbox: connection lost on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        } catch (RuntimeException | StackOverflowError e) {
            // a sandbox bug: the stack goes to the log (never to the client), so it can be fixed
            LOG.warn("sandbox: unexpected {} on {} {}", e.getClass().getSimpleName(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            try {
                ApiException internal = GoogleErrors.internal();
                write(exchange, ApiResponse.error(internal, hostOf(exchange)));
            } catch (IOException | RuntimeException ignored) {
                // the client is gone; nothing more to do
            }
        } finally {
            exchange.close();
        }
    }

    private ApiResponse dispatch(HttpExchange exchange) throws IOException, InterruptedException {
        if (latencyMs > 0) {
            Thread.sleep(latencyMs);
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String trimmed = rawPath == null ? "" : rawPath.replaceFirst("^/+", "");
        int slash = trimmed.indexOf('/');
        String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
        String rest = slash < 0 ? "" : trimmed.substring(slash + 1);
        String method = effectiveMethod(exchange);
        requests.computeIfAbsent(method + " " + host + "/" + shape(rest), k -> new java.util.concurrent.atomic.LongAdder())
                .increment();
        byte[] body = readBody(exchange);

        List<Route> onPath = new ArrayList<>();
        Route chosen = null;
        Matcher chosenMatch = null;
        for (Route r : routes) {
            if (!r.host().equals(host)) {
                continue;
            }
            Matcher m = r.path().matcher(rest);
            if (m.matches()) {
                onPath.add(r);
                if (r.method().equals(method) && chosen == null) {
                    chosen = r;
                    chosenMatch = m;
                }
            }
        }
        if (chosen == null) {
            throw onPath.isEmpty() ? GoogleErrors.pathNotFound(trimmed) : GoogleErrors.methodNotAllowed(method, trimmed);
        }
        Optional<FaultPlan.Kind> fault = faults.onCall(host, chosen.operation());
        if (fault.isPresent()) {
            switch (fault.get()) {
                case DROP -> throw new DropConnection();
                case STATUS_429 -> throw GoogleErrors.tooManyRequests();
                case STATUS_500 -> throw GoogleErrors.internal();
                case STATUS_503 -> throw GoogleErrors.unavailable();
                default -> {
                }
            }
        }
        Map<String, String> query = query(exchange);
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        collect(repeated, exchange.getRequestURI().getRawQuery());
        if ("GET".equals(method) && "POST".equalsIgnoreCase(exchange.getRequestMethod()) && body.length > 0) {
            // google-http-client turns a GET with a very long URL into POST + override, the query in a form body
            mergeForm(query, body);
            collect(repeated, new String(body, StandardCharsets.UTF_8));
            body = new byte[0];
        }
        ApiRequest request = new ApiRequest(method, host, rest, query, body,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), mapper);
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= chosenMatch.groupCount(); i++) {
            params.add(decodePathSegment(chosenMatch.group(i)));
        }
        request.pathParams(params);
        request.repeatedQuery(repeated);
        return chosen.handler().handle(request);
    }

    /** How many requests reached each shape of path so far (faulted ones too), sorted by shape. */
    java.util.SortedMap<String, Long> requestCounts() {
        java.util.SortedMap<String, Long> out = new java.util.TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** {@code v1/projects/428/locations/global/...} as {@code v1/projects/*}{@code /locations/*}...: ids masked, verbs kept. */
    static String shape(String rest) {
        String[] parts = rest.split("/", -1);
        for (int i = 2; i < parts.length; i += 2) {
            int verb = parts[i].indexOf(':');
            parts[i] = "*" + (verb < 0 ? "" : parts[i].substring(verb));
        }
        return String.join("/", parts);
    }

    /** The Google host a request names: the first path segment. */
    private static String hostOf(HttpExchange exchange) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String trimmed = rawPath == null ? "" : rawPath.replaceFirst("^/+", "");
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    private static String effectiveMethod(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
        if ("POST".equals(method) && override != null && !override.isBlank()) {
            return override.trim().toUpperCase(Locale.ROOT);
        }
        return method;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] raw = readAtMost(in, MAX_BODY_BYTES);
        if (raw == null) {
            long drained = 0;
            byte[] sink = new byte[64 * 1024];
            int n;
            while (drained < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
                drained += n;
            }
            throw GoogleErrors.payloadTooLarge(MAX_BODY_BYTES);
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.trim().equalsIgnoreCase("gzip") && raw.length > 0) {
            try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                byte[] plain = readAtMost(gz, MAX_BODY_BYTES);
                if (plain == null) {
                    throw GoogleErrors.payloadTooLarge(MAX_BODY_BYTES);
                }
                return plain;
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw GoogleErrors.invalidArgument("The request body is not valid gzip data.");
            }
        }
        return raw;
    }

    /** All bytes, or null when there are more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String v = decodeQuery(eq < 0 ? "" : pair.substring(eq + 1));
            if (!SYSTEM_PARAMETERS.contains(k)) {
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }

    /** Every value of each parameter, in order (repeated fields such as {@code names} of services:batchGet). */
    private static void collect(Map<String, List<String>> out, String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            if (!SYSTEM_PARAMETERS.contains(k)) {
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(decodeQuery(eq < 0 ? "" : pair.substring(eq + 1)));
            }
        }
    }

    private static void mergeForm(Map<String, String> query, byte[] form) {
        for (String pair : new String(form, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            if (!SYSTEM_PARAMETERS.contains(k)) {
                query.putIfAbsent(k, decodeQuery(eq < 0 ? "" : pair.substring(eq + 1)));
            }
        }
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GoogleErrors.invalidArgument("Malformed percent-encoding in the query string.");
        }
    }

    /** Percent-decodes a path segment; '+' stays a plus (paths are not forms). */
    private static String decodePathSegment(String s) {
        if (s == null) {
            return null;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GoogleErrors.invalidArgument("Malformed percent-encoding in the request path.");
        }
    }

    private void write(HttpExchange exchange, ApiResponse response) throws IOException {
        JsonNode body = response.body();
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
        if (response.wwwAuthenticate() != null) {
            // on a POST, HttpURLConnection (streaming mode) drops a 401's body: this header is all the client keeps
            exchange.getResponseHeaders().set("WWW-Authenticate", response.wwwAuthenticate());
        }
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
            // headers only: a HEAD answer has no body (-1 tells the JDK server so)
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
