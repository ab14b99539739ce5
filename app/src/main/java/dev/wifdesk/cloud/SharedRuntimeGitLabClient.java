package dev.wifdesk.cloud;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Field;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiClient;
import org.gitlab4j.api.utils.JacksonJson;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClient;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;

/**
 * gitlab4j's HTTP client with one Jersey runtime for all of its requests.
 *
 * <p>gitlab4j 6.2.0 (the newest release) sets {@code followRedirects} on each request's
 * {@code WebTarget}. In Jersey a changed target copies the client's configuration, and each copy
 * builds a runtime of its own (an HK2 injection manager, the providers, Jackson) at its first
 * request: some 30-50 ms of CPU per GitLab call, and over half of an apply's CPU (benchmarks.md,
 * "Setup apply", fix 17). gitlab4j's main branch sets it once on the client (pull request #1312
 * did the same for 5.x); this class does that until a release has it. Its Jersey client is the one
 * gitlab4j configures (its JSON, JSON feature and multipart providers, no auto-discovery), with
 * redirects and timeouts in its configuration, and a request only adds its query, token and Accept
 * header, exactly as gitlab4j's own {@code invocation} does. The client needs no URL or token, so
 * it can be built, runtime and all, before either is known ({@link #buildAhead}). What gitlab4j
 * would add through its own client (request logging, sudo, a User-Agent, ignored certificate
 * errors, an OAuth token) is not applied: WIF Desk sends a private token and uses none of them.
 */
final class SharedRuntimeGitLabClient extends GitLabApiClient {
    private final String token;
    private final Timeouts timeouts;
    private final List<Object> components;
    /** Built ahead ({@link #buildAhead}), or null: built at the first request. */
    private final CompletableFuture<Client> ahead;
    private Client client;

    record Timeouts(Duration connect, Duration read) {
    }

    private SharedRuntimeGitLabClient(String baseUrl, String token, Timeouts timeouts, List<Object> components,
                                      CompletableFuture<Client> ahead) {
        super(baseUrl, token);
        this.token = token;
        this.timeouts = timeouts;
        this.components = components;
        this.ahead = ahead;
    }

    /**
     * A gitlab4j API on {@code baseUrl} whose requests share one Jersey runtime, that of {@code ahead}
     * when given (null: built at the first request). If this gitlab4j has no {@code apiClient} to
     * replace (another version), its own client is kept, with the same timeouts: only slower.
     */
    static GitLabApi open(String baseUrl, String token, Timeouts timeouts, CompletableFuture<Client> ahead) {
        return open(baseUrl, token, timeouts, List.of(), ahead);
    }

    /** The same with {@code components} registered on a client built at the first request (tests count its runtimes). */
    static GitLabApi open(String baseUrl, String token, Timeouts timeouts, List<Object> components) {
        return open(baseUrl, token, timeouts, components, null);
    }

    private static GitLabApi open(String baseUrl, String token, Timeouts timeouts, List<Object> components,
                                  CompletableFuture<Client> ahead) {
        GitLabApi api = new GitLabApi(baseUrl, token);
        try {
            apiClientField().set(api, new SharedRuntimeGitLabClient(baseUrl, token, timeouts, components, ahead));
        } catch (ReflectiveOperationException | RuntimeException e) {
            api.setRequestTimeout((int) timeouts.connect().toMillis(), (int) timeouts.read().toMillis());
            if (ahead != null) {
                ahead.thenAccept(Client::close);
            }
        }
        return api;
    }

    /**
     * Starts building a client, its runtime included, on a (daemon) thread of its own: the runtime is
     * the slow part of the first GitLab call (0.2-0.3 s of CPU), and needs neither URL nor token.
     */
    static CompletableFuture<Client> buildAhead(Timeouts timeouts) {
        CompletableFuture<Client> built = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                JerseyClient jersey = jersey(timeouts, List.of());
                jersey.preInitialize();
                built.complete(jersey);
            } catch (Throwable e) {
                built.completeExceptionally(e);
            }
        }, "wifdesk-gitlab-client");
        t.setDaemon(true);
        t.start();
        return built;
    }

    /** Whether {@code api} sends its requests through this class (false: gitlab4j's own client). */
    static boolean isUsedBy(GitLabApi api) {
        try {
            return apiClientField().get(api) instanceof SharedRuntimeGitLabClient;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Field apiClientField() throws NoSuchFieldException {
        Field apiClient = GitLabApi.class.getDeclaredField("apiClient");
        apiClient.setAccessible(true);
        return apiClient;
    }

    private static JerseyClient jersey(Timeouts timeouts, List<Object> components) {
        ClientConfig config = new ClientConfig()
                .property(ClientProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(ClientProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
                .property(ClientProperties.FOLLOW_REDIRECTS, true)
                .property(ClientProperties.CONNECT_TIMEOUT, (int) timeouts.connect().toMillis())
                .property(ClientProperties.READ_TIMEOUT, (int) timeouts.read().toMillis())
                .register(JacksonJson.class)
                .register(JacksonFeature.class)
                .register(MultiPartFeature.class);
        components.forEach(config::register);
        return new JerseyClientBuilder().withConfig(config).build();
    }

    @Override
    protected Invocation.Builder invocation(URL url, MultivaluedMap<String, String> queryParams, String accept) {
        WebTarget target = jersey().target(url.toExternalForm());
        if (queryParams != null) {
            for (Map.Entry<String, List<String>> param : queryParams.entrySet()) {
                target = target.queryParam(param.getKey(), param.getValue().toArray());
            }
        }
        Invocation.Builder builder = target.request().header(PRIVATE_TOKEN_HEADER, token);
        return accept == null || accept.isBlank() ? builder : builder.accept(accept);
    }

    private synchronized Client jersey() {
        if (client == null) {
            client = ahead != null ? builtAheadOrNew() : jersey(timeouts, components);
        }
        return client;
    }

    private Client builtAheadOrNew() {
        try {
            return ahead.join();
        } catch (CompletionException | CancellationException e) {
            return jersey(timeouts, components); // building ahead failed: this request reports the problem, if any
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (client != null) {
                client.close();
                return;
            }
        }
        if (ahead != null) {
            ahead.thenAccept(Client::close); // built ahead and never used
        }
    }
}
