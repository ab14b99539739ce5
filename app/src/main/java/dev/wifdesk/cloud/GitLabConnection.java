package dev.wifdesk.cloud;

import java.time.Duration;
import org.gitlab4j.api.GitLabApi;

/**
 * Opens gitlab4j on a GitLab base URL. The token comes from the environment (GITLAB_TOKEN) or the
 * sandbox, never from a command-line argument: it would land in shell history and process lists.
 */
public final class GitLabConnection {
    public static final String TOKEN_VARIABLE = "GITLAB_TOKEN";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private GitLabConnection() {
    }

    /** gitlab4j with its requests on one Jersey runtime ({@link SharedRuntimeGitLabClient}). */
    public static GitLabApi open(String baseUrl, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no GitLab token: set " + TOKEN_VARIABLE + " in the environment");
        }
        return SharedRuntimeGitLabClient.open(baseUrl, token, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    public static GitLabApi fromEnvironment(String baseUrl) {
        return open(baseUrl, System.getenv(TOKEN_VARIABLE));
    }
}
