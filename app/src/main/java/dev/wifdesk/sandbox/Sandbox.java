package dev.wifdesk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.sandbox.gitlab.IdTokenRequest;
import dev.wifdesk.sandbox.gitlab.SandboxInfoHandler;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.wifdesk.sandbox.google.GoogleSandbox;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole sandbox: the Google side and the GitLab side started with the same options, the
 * GitLab issuer registered so the sandbox STS finds its discovery document and JWKS, and the
 * GitLab runner pointed at the Google side.
 */
public final class Sandbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IssuerDirectory issuers;
    private final GoogleSandbox google;
    private final GitLabSandbox gitlab;

    private Sandbox(IssuerDirectory issuers, GoogleSandbox google, GitLabSandbox gitlab) {
        this.issuers = issuers;
        this.google = google;
        this.gitlab = gitlab;
    }

    /**
     * Starts both sides. {@code options.port()} is the Google port; the GitLab side takes the
     * next one (or any free port when the Google port is 0 or the last one).
     */
    public static Sandbox start(SandboxOptions options) {
        return start(options, IdTokenRequest.DEFAULT_LIFETIME);
    }

    /** With another CI job timeout (= ID token lifetime) than GitLab's default 5 minutes. */
    static Sandbox start(SandboxOptions options, Duration jobTimeout) {
        IssuerDirectory issuers = new IssuerDirectory();
        GoogleSandbox google = GoogleSandbox.start(options, issuers);
        GitLabSandbox gitlab = null;
        try {
            gitlab = GitLabSandbox.start(gitLabSettings(options, google).withJobTimeout(jobTimeout));
            issuers.register(GitLabSandbox.ISSUER, gitlab.baseUrl());
            Sandbox sandbox = new Sandbox(issuers, google, gitlab);
            // GET /sandbox/info on either base answers the serve JSON: `--sandbox GOOGLE_URL` learns GitLab's URL
            gitlab.publishSandboxInfo(sandbox.serveJson());
            google.mount(SandboxInfoHandler.PATH, new SandboxInfoHandler(sandbox::serveJson));
            return sandbox;
        } catch (RuntimeException e) {
            // nothing half-started may keep a port or a thread
            if (gitlab != null) {
                gitlab.close();
            }
            google.close();
            throw e;
        }
    }

    static GitLabSandbox.Settings gitLabSettings(SandboxOptions options, GoogleSandbox google) {
        int port = options.port() == 0 || options.port() == 65535 ? 0 : options.port() + 1;
        // poll Dataflow a few times per LRO step, never busier than every 50 ms nor lazier than 1 s
        long poll = Math.max(50, Math.min(1000, options.lroDelayMs() / 4));
        return GitLabSandbox.Settings.defaults()
                .withPort(port)
                .withStateDir(options.stateDir())
                .withLatencyMs(options.latencyMs())
                .withGoogleBase(google.baseUrl())
                .withPollInterval(Duration.ofMillis(poll));
    }

    public GoogleSandbox google() {
        return google;
    }

    public GitLabSandbox gitlab() {
        return gitlab;
    }

    public IssuerDirectory issuers() {
        return issuers;
    }

    /** The one-line JSON {@code wifdesk sandbox serve} prints first (CLI.md), keys in contract order. */
    public String serveJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("google", trimSlash(google.baseUrl().toString()));
        m.put("gitlab", trimSlash(gitlab.baseUrl().toString()));
        m.put("gitlabIssuer", gitlab.issuer());
        m.put("gitlabProject", gitlab.projectPath());
        m.put("operatorToken", google.operatorToken());
        m.put("gitlabToken", gitlab.token());
        m.put("project", google.projectId());
        m.put("projectNumber", google.projectNumber());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What {@code sandbox serve} prints and what a {@code --sandbox URL} client needs: both base
     * URLs, the issuer, the seeded project and the (fake, loopback-only) tokens.
     */
    public record Info(String google, String gitlab, String gitlabIssuer, String gitlabProject, String operatorToken,
                       String gitlabToken, String project, String projectNumber) {
        /** The serve JSON is a few hundred bytes. */
        static final int MAX_INFO_BYTES = 64 * 1024;


        /** Parses the serve JSON line; unknown keys are ignored, missing ones are named. */
        public static Info parse(String json) {
            try {
                var node = JSON.readTree(json);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("sandbox info must be a JSON object");
                }
                return new Info(text(node, "google"), text(node, "gitlab"), text(node, "gitlabIssuer"),
                        text(node, "gitlabProject"), text(node, "operatorToken"), text(node, "gitlabToken"),
                        text(node, "project"), text(node, "projectNumber"));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("sandbox info is not JSON: " + e.getOriginalMessage());
            }
        }

        /**
         * Asks a running sandbox ({@code GET BASE/sandbox/info}) for the rest of its coordinates.
         * Bounded: 5 s to connect, 10 s for the answer.
         */
        public static Info fetch(URI base) throws IOException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .proxy(ProxySelector.of(null)).build();
            String b = trimSlash(base.toString());
            HttpRequest request = HttpRequest.newBuilder(URI.create(b + SandboxInfoHandler.PATH))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            try {
                HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException(b + " does not look like a WIF Desk sandbox (GET " + SandboxInfoHandler.PATH
                                + " answered " + response.statusCode() + ")");
                    }
                    // the URL is the user's: whatever answers there must not make us read without end
                    byte[] bytes = body.readNBytes(MAX_INFO_BYTES + 1);
                    if (bytes.length > MAX_INFO_BYTES) {
                        throw new IOException(b + " does not look like a WIF Desk sandbox (GET " + SandboxInfoHandler.PATH
                                + " answered more than " + MAX_INFO_BYTES + " bytes)");
                    }
                    return parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking " + b + " for its sandbox info");
            } catch (IllegalArgumentException e) {
                throw new IOException(b + SandboxInfoHandler.PATH + ": " + e.getMessage());
            }
        }

        private static String text(com.fasterxml.jackson.databind.JsonNode node, String key) {
            var v = node.get(key);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw new IllegalArgumentException("sandbox info lacks \"" + key + "\"");
            }
            return v.asText();
        }
    }

    public Info info() {
        return Info.parse(serveJson());
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        try {
            gitlab.close();
        } finally {
            issuers.unregister(GitLabSandbox.ISSUER);
            google.close();
        }
    }
}
