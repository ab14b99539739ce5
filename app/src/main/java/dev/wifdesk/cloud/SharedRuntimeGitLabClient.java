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
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiClient;
import org.glassfish.jersey.client.ClientProperties;

/**
 * gitlab4j's HTTP client with one Jersey runtime for all of its requests.
 *
 * <p>gitlab4j 6.2.0 (the newest release) sets {@code followRedirects} on each request's
 * {@code WebTarget}. In Jersey a changed target copies the client's configuration, and each copy
 * builds a runtime of its own (an HK2 injection manager, the providers, Jackson) at its first
 * request: some 30-50 ms of CPU per GitLab call, and over half of an apply's CPU (benchmarks.md,
 * "Setup apply", fix 17). gitlab4j's main branch sets it once on the client (pull request #1312
 * did the same for 5.x); this class does that until a release has it: redirects and timeouts
 * live in the client's configuration, and a request only adds its query, token and Accept header,
 * exactly as gitlab4j's own {@code invocation} does.
 */
final class SharedRuntimeGitLabClient extends GitLabApiClient {
    private final String token;
    private final List<Object> components;
    private volatile Client client;

    private SharedRuntimeGitLabClient(String baseUrl, String token, Map<String, Object> jerseyProperties,
                                      List<Object> components) {
        super(baseUrl, token, null, jerseyProperties);
        this.token = token;
        this.components = components;
    }

    /**
     * A gitlab4j API on {@code baseUrl} whose requests share one Jersey runtime. If this gitlab4j
     * has no {@code apiClient} to replace (another version), its own client is kept, with the same
     * timeouts: only slower.
     */
    static GitLabApi open(String baseUrl, String token, Duration connectTimeout, Duration readTimeout) {
        return open(baseUrl, token, connectTimeout, readTimeout, List.of());
    }

    /** The same with {@code components} registered on the Jersey client too (tests count its runtimes). */
    static GitLabApi open(String baseUrl, String token, Duration connectTimeout, Duration readTimeout,
                          List<Object> components) {
        GitLabApi api = new GitLabApi(baseUrl, token);
        try {
            Field apiClient = GitLabApi.class.getDeclaredField("apiClient");
            apiClient.setAccessible(true);
            apiClient.set(api, new SharedRuntimeGitLabClient(baseUrl, token, Map.of(
                    ClientProperties.FOLLOW_REDIRECTS, true,
                    ClientProperties.CONNECT_TIMEOUT, (int) connectTimeout.toMillis(),
                    ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis()), components));
        } catch (ReflectiveOperationException | RuntimeException e) {
            api.setRequestTimeout((int) connectTimeout.toMillis(), (int) readTimeout.toMillis());
        }
        return api;
    }

    /** Whether {@code api} sends its requests through this class (false: gitlab4j's own client). */
    static boolean isUsedBy(GitLabApi api) {
        try {
            Field apiClient = GitLabApi.class.getDeclaredField("apiClient");
            apiClient.setAccessible(true);
            return apiClient.get(api) instanceof SharedRuntimeGitLabClient;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
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

    /** The one Jersey client, made at the first request as gitlab4j makes its own. */
    private Client jersey() {
        Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    Client made = createApiClient();
                    components.forEach(made::register);
                    client = made;
                }
                c = client;
            }
        }
        return c;
    }
}
