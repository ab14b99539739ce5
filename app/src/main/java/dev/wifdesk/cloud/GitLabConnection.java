package dev.wifdesk.cloud;

import dev.wifdesk.audit.DroppedLogRecords;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.gitlab4j.api.GitLabApi;

/**
 * Opens gitlab4j on a GitLab base URL. The token comes from the environment (GITLAB_TOKEN) or the
 * sandbox, never from a command-line argument: it would land in shell history and process lists.
 */
public final class GitLabConnection {
    public static final String TOKEN_VARIABLE = "GITLAB_TOKEN";
    static final SharedRuntimeGitLabClient.Timeouts TIMEOUTS =
            new SharedRuntimeGitLabClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    /** The HTTP client the next {@link #open} takes, if {@link #prepare} started one. */
    private static final AtomicReference<CompletableFuture<Client>> PREPARED = new AtomicReference<>();

    static {
        // Jersey runs here without its HK2 module (left out in pom.xml: HK2's injection manager was a fifth
        // of an apply's CPU, and gitlab4j's client needs no injection); it says so at each client's start
        DroppedLogRecords.startingWith("org.glassfish.jersey.client.innate.inject.NonInjectionManager",
                "Jersey-HK2 module is missing");
    }

    private GitLabConnection() {
    }

    /**
     * Starts building, on a thread of its own, the HTTP client the next {@link #open} of this process
     * uses: its set-up is most of the first GitLab call's time and needs neither URL nor token, so a
     * command that will talk to GitLab calls this first (plan and apply, as they start). Once is enough.
     */
    public static void prepare() {
        if (PREPARED.get() == null) {
            CompletableFuture<Client> client = SharedRuntimeGitLabClient.buildAhead(TIMEOUTS);
            if (!PREPARED.compareAndSet(null, client)) {
                client.thenAccept(Client::close);
            }
        }
    }

    /** gitlab4j with its requests on one Jersey runtime ({@link SharedRuntimeGitLabClient}). */
    public static GitLabApi open(String baseUrl, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no GitLab token: set " + TOKEN_VARIABLE + " in the environment");
        }
        return SharedRuntimeGitLabClient.open(baseUrl, token, TIMEOUTS, PREPARED.getAndSet(null));
    }

    public static GitLabApi fromEnvironment(String baseUrl) {
        return open(baseUrl, System.getenv(TOKEN_VARIABLE));
    }
}
