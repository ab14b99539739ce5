package dev.wifdesk.ui.setup;

import java.util.Objects;

/**
 * The GitLab instance and the token the wizard writes variables with. The token lives in memory,
 * and in the OS keyring only when the user asks ({@link dev.wifdesk.gitlab.TokenVault}): never in a
 * settings file, a log line or a process argument; {@link #toString()} never prints it.
 */
public record GitLabAccess(String url, String token) {
    public GitLabAccess {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
    }

    /** The sandbox's own GitLab: its base URL (without a trailing slash, as a user types it) and its token. */
    public static GitLabAccess of(dev.wifdesk.ui.connection.SandboxGitLab g) {
        return new GitLabAccess(g.baseUrl().toString().replaceAll("/+$", ""), g.token());
    }

    @Override
    public String toString() {
        return "GitLabAccess[" + url + ", token redacted]";
    }
}
