package dev.wifdesk.sandbox.gitlab;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sandbox GitLab instance: REST v4 subset + OIDC discovery/JWKS on its own loopback HTTP
 * server, a seeded project {@code acme/pipelines}, a personal access token, ID token minting
 * with GitLab's claim set, and a runner that runs the jobs of the .gitlab-ci.yml committed on each pipeline's ref.
 */
public final class GitLabSandbox implements AutoCloseable {
    /** The https issuer NAME tokens carry; the Google sandbox maps it to {@link #baseUrl()}. */
    public static final String ISSUER = "https://gitlab.sandbox.wifdesk.test";
    public static final String PROJECT_PATH = "acme/pipelines";
    public static final long PROJECT_ID = 4242;
    public static final long NAMESPACE_ID = 1717;
    /** Maintainer, {@code api} scope. */
    public static final String TOKEN = "sandbox-gitlab-token";
    /** Same kind of user, {@code read_api} scope only: writes answer 403 insufficient_scope. */
    public static final String READ_ONLY_TOKEN = "sandbox-gitlab-read-token";
    /** A Developer: may run pipelines, may not see CI/CD variables (403). */
    public static final String DEVELOPER_TOKEN = "sandbox-gitlab-developer-token";
    public static final String FORK_PROJECT_PATH = "contractor/pipelines";

    /** How to start it. {@code googleBase} null: no runner target (jobs fail saying so). */
    public record Settings(int port, Path stateDir, long latencyMs, URI googleBase, Duration jobTimeout,
                           Duration pollInterval) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            if (latencyMs < 0) {
                throw new IllegalArgumentException("latencyMs must be >= 0, was " + latencyMs);
            }
            jobTimeout = jobTimeout == null ? IdTokenRequest.DEFAULT_LIFETIME : jobTimeout;
            pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        }

        public static Settings defaults() {
            return new Settings(0, null, 0, null, null, null);
        }

        public Settings withGoogleBase(URI value) {
            return new Settings(port, stateDir, latencyMs, value, jobTimeout, pollInterval);
        }

        public Settings withPort(int value) {
            return new Settings(value, stateDir, latencyMs, googleBase, jobTimeout, pollInterval);
        }

        public Settings withStateDir(Path value) {
            return new Settings(port, value, latencyMs, googleBase, jobTimeout, pollInterval);
        }

        public Settings withLatencyMs(long value) {
            return new Settings(port, stateDir, value, googleBase, jobTimeout, pollInterval);
        }

        public Settings withJobTimeout(Duration value) {
            return new Settings(port, stateDir, latencyMs, googleBase, value, pollInterval);
        }

        public Settings withPollInterval(Duration value) {
            return new Settings(port, stateDir, latencyMs, googleBase, jobTimeout, value);
        }
    }

    private final GitLabStore store;
    private final SigningKey key;
    private final IdTokenMinter minter;
    private final SandboxRunner runner;
    private final GitLabHttpServer server;
    private final Settings settings;
    private volatile String publishedInfo;

    private GitLabSandbox(Settings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.key = settings.stateDir() == null ? SigningKey.generate() : SigningKey.loadOrCreate(settings.stateDir());
        this.store = new GitLabStore(clock, settings.stateDir(), GitLabStore.SandboxSeed.standard());
        this.minter = new IdTokenMinter(key, ISSUER, clock);
        this.runner = new SandboxRunner(store,
                new RunnerSettings(settings.googleBase(), settings.jobTimeout(), settings.pollInterval()),
                this::mintIdToken);
        GitLabJson json = new GitLabJson(ISSUER);
        RestRoutes routes = new RestRoutes(store, json, runner::submit);
        try {
            this.server = new GitLabHttpServer(settings.port(), settings.latencyMs(), routes,
                    new OidcEndpoints(ISSUER, key), new SandboxInfoHandler(this::infoJson));
        } catch (IOException e) {
            runner.close();
            throw e;
        }
    }

    public static GitLabSandbox start(Settings settings) {
        try {
            return new GitLabSandbox(Objects.requireNonNull(settings), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox GitLab on 127.0.0.1:" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    public String issuer() {
        return ISSUER;
    }

    public String projectPath() {
        return PROJECT_PATH;
    }

    public long projectId() {
        return PROJECT_ID;
    }

    public String token() {
        return TOKEN;
    }

    public Settings settings() {
        return settings;
    }

    /** The public JWKS as served (also what a provider's inline {@code oidc.jwksJson} would hold). */
    public String jwksJson() {
        return key.publicJwksJson();
    }

    public String keyId() {
        return key.keyId();
    }

    /** A signed ID token for the seeded project (or the request's fork / path variants). */
    public String mintIdToken(IdTokenRequest request) {
        return minter.sign(idTokenClaims(request));
    }

    /** The claims {@link #mintIdToken} would sign (fresh {@code jti}/times on each call). */
    public JWTClaimsSet idTokenClaims(IdTokenRequest request) {
        SandboxProject main = store.project(PROJECT_PATH).orElseThrow();
        SandboxProject source = main;
        String sourcePath = request.projectPath() != null ? request.projectPath() : main.pathWithNamespace();
        if (request.forkProjectPath() != null) {
            source = store.project(request.forkProjectPath()).orElseGet(() -> syntheticFork(request.forkProjectPath()));
            sourcePath = source.pathWithNamespace();
        }
        SandboxProject refOwner = source;
        String refName = request.ref() != null ? request.ref() : refOwner.defaultBranch();
        // a seeded project's refs are its repository's (new branches, heads that moved with commits)
        ProjectRepository repository = store.project(refOwner.pathWithNamespace()).map(store::repository).orElse(null);
        SandboxProject.Ref ref = (repository != null ? repository.ref(refName) : refOwner.ref(refName))
                .orElseGet(() -> new SandboxProject.Ref(refName, SandboxProject.RefType.BRANCH, false, refOwner.sha(refName)));
        SandboxUser user = store.user(request.username() != null ? request.username() : "sandbox-user")
                .orElseThrow(() -> new IllegalArgumentException("no sandbox user " + request.username()));
        long pipelineId = request.pipelineId() != null ? request.pipelineId() : 1_000_000;
        long jobId = request.jobId() != null ? request.jobId() : 5_000_000;
        return minter.claims(new IdTokenMinter.Subject(main, source, sourcePath, user, ref, pipelineId, jobId), request);
    }

    private static SandboxProject syntheticFork(String path) {
        long id = 6000 + Math.floorMod(path.hashCode(), 1000);
        return new SandboxProject(id, path, id + 1000, "public", "main", Map.of("main", false), Map.of(), PROJECT_ID);
    }

    /**
     * Replaces what {@code GET /sandbox/info} answers (the facade publishes the full serve JSON,
     * so a client holding only this GitLab URL learns the Google side too).
     */
    public void publishSandboxInfo(String json) {
        this.publishedInfo = Objects.requireNonNull(json);
    }

    private String infoJson() {
        String published = publishedInfo;
        if (published != null) {
            return published;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gitlab", baseUrl().toString());
        m.put("gitlabIssuer", ISSUER);
        m.put("gitlabProject", PROJECT_PATH);
        m.put("gitlabToken", TOKEN);
        if (settings.googleBase() != null) {
            m.put("google", settings.googleBase().toString());
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            runner.close();
        }
    }
}
