package dev.wifdesk.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;

/**
 * The client side of a running sandbox's coordinates (so a client needs no sandbox import).
 * What {@code sandbox serve} prints and what a {@code --sandbox URL} client needs: both base
 * URLs, the issuer, the seeded project and the (fake, loopback-only) tokens. {@code gitlabReadToken}
 * (a GitLab token with only the {@code read_api} scope) is optional: null when the sandbox sends none.
 */
public record SandboxInfo(String google, String gitlab, String gitlabIssuer, String gitlabProject, String operatorToken,
                          String gitlabToken, String project, String projectNumber, String gitlabReadToken) {
    /** Where a running sandbox answers with this JSON, on either of its bases. */
    public static final String PATH = "/sandbox/info";
    /** The serve JSON is a few hundred bytes. */
    public static final int MAX_INFO_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the serve JSON line; unknown keys are ignored, missing ones are named. */
    public static SandboxInfo parse(String json) {
        try {
            var node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("sandbox info must be a JSON object");
            }
            return new SandboxInfo(text(node, "google"), text(node, "gitlab"), text(node, "gitlabIssuer"),
                    text(node, "gitlabProject"), text(node, "operatorToken"), text(node, "gitlabToken"),
                    text(node, "project"), text(node, "projectNumber"), optionalText(node, "gitlabReadToken"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sandbox info is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Asks a running sandbox ({@code GET BASE/sandbox/info}) for the rest of its coordinates.
     * Bounded: 5 s to connect, 10 s for the answer.
     */
    public static SandboxInfo fetch(URI base) throws IOException {
        String b = trimSlash(base.toString());
        // HttpURLConnection, as the Google clients use: java.net.http's client set up TLS first, and
        // cost a CLI start ~150-450 ms for one loopback GET (benchmarks.md, "Setup apply")
        HttpURLConnection http;
        try {
            http = (HttpURLConnection) URI.create(b + PATH).toURL().openConnection(Proxy.NO_PROXY);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException(b + PATH + ": " + e.getMessage());
        }
        http.setConnectTimeout(5_000);
        http.setReadTimeout(10_000);
        http.setInstanceFollowRedirects(false);
        try {
            int status = http.getResponseCode();
            if (status != 200) {
                throw new IOException(b + " does not look like a WIF Desk sandbox (GET " + PATH + " answered " + status + ")");
            }
            try (java.io.InputStream body = http.getInputStream()) {
                // the URL is the user's: whatever answers there must not make us read without end
                byte[] bytes = body.readNBytes(MAX_INFO_BYTES + 1);
                if (bytes.length > MAX_INFO_BYTES) {
                    throw new IOException(b + " does not look like a WIF Desk sandbox (GET " + PATH
                            + " answered more than " + MAX_INFO_BYTES + " bytes)");
                }
                return parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(b + PATH + ": " + e.getMessage());
        } finally {
            http.disconnect();
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String key) {
        var v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("sandbox info lacks \"" + key + "\"");
        }
        return v.asText();
    }

    private static String optionalText(com.fasterxml.jackson.databind.JsonNode node, String key) {
        var v = node.get(key);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
