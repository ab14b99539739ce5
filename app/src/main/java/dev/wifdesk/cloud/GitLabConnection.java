package dev.wifdesk.cloud;

import org.gitlab4j.api.GitLabApi;

/**
 * Opens gitlab4j on a GitLab base URL. The token comes from the environment (GITLAB_TOKEN) or the
 * sandbox, never from a command-line argument: it would land in shell history and process lists.
 */
public final class GitLabConnection {
    public static final String TOKEN_VARIABLE = "GITLAB_TOKEN";

    private GitLabConnection() {
    }

    public static GitLabApi open(String baseUrl, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no GitLab token: set " + TOKEN_VARIABLE + " in the environment");
        }
        GitLabApi api = new GitLabApi(baseUrl, token);
        api.setRequestTimeout(10_000, 30_000);
        return api;
    }

    public static GitLabApi fromEnvironment(String baseUrl) {
        return open(baseUrl, System.getenv(TOKEN_VARIABLE));
    }
}
