package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.GitLabConnection;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.live.LatestFailures;
import dev.wifdesk.diagnose.live.LatestFailuresDiagnosis;
import dev.wifdesk.diagnose.live.LiveFederationReader;
import dev.wifdesk.ui.connection.Connection;
import java.util.function.Supplier;
import org.gitlab4j.api.GitLabApi;

/**
 * Opens gitlab4j on the GitLab URL and runs {@link LatestFailuresDiagnosis} against the live
 * Google side of the connection. The GitLab token is the sandbox's own in sandbox mode, else
 * GITLAB_TOKEN from the environment: it is never typed into (or saved from) a field.
 */
public final class GitLabFailuresSource implements FailuresSource {
    private final Supplier<String> environmentToken;

    public GitLabFailuresSource(Supplier<String> environmentToken) {
        this.environmentToken = environmentToken;
    }

    public static GitLabFailuresSource fromEnvironment() {
        return new GitLabFailuresSource(() -> System.getenv(GitLabConnection.TOKEN_VARIABLE));
    }

    @Override
    public LatestFailures diagnose(Connection connection, String gitlabUrl, String projectPath) throws Exception {
        var google = connection.clients().orElseThrow(() -> new IllegalStateException("not connected to Google"));
        String token = connection.sandboxGitLab().map(g -> g.token()).orElseGet(environmentToken);
        try (GitLabApi gitlab = GitLabConnection.open(gitlabUrl, token)) {
            return new LatestFailuresDiagnosis(gitlab, new LiveFederationReader(google, LiveServices.jwksFor(connection)),
                    new DiagnosisEngine()).diagnose(projectPath);
        }
    }
}
