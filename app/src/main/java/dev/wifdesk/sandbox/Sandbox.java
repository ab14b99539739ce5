package dev.wifdesk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.sandbox.gitlab.IdTokenRequest;
import dev.wifdesk.sandbox.gitlab.SandboxInfoHandler;
import java.net.URI;
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
        // CLI.md: "It may carry more keys, e.g. gitlabReadToken, a token with only the read_api scope"
        m.put("gitlabReadToken", GitLabSandbox.READ_ONLY_TOKEN);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    public dev.wifdesk.cloud.SandboxInfo info() {
        return dev.wifdesk.cloud.SandboxInfo.parse(serveJson());
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
