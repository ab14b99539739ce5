package dev.wifdesk.diagnose.live;

/** GitLab answered 404 for the project: wrong path, or the token may not see it (GitLab hides private projects). */
public final class GitLabProjectNotFoundException extends Exception {
    public GitLabProjectNotFoundException(String projectPath) {
        super("GitLab project '" + projectPath + "' not found (check the path, and that the token's user is a member)");
    }
}
