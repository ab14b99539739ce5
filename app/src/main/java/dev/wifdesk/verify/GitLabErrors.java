package dev.wifdesk.verify;

import dev.wifdesk.audit.Redactor;
import dev.wifdesk.cloud.ClientErrors;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;

/** A GitLab failure in one line that says what to do; never the token, never a stack trace. */
final class GitLabErrors {
    /** GitLab's OAuth answer when a token lacks a scope ({@code {"error":"insufficient_scope",...,"scope":"api"}}). */
    static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    private GitLabErrors() {
    }

    /** @param what what was being done, e.g. "read the CI/CD variables of acme/pipelines" */
    static String describe(GitLabApi gitlab, String what, Exception e) {
        String where = "GitLab at " + gitlab.getGitLabServerUrl();
        if (!(e instanceof GitLabApiException g)) {
            return "cannot reach " + where + " to " + what + ": " + Redactor.redact(ClientErrors.oneLine(e))
                    + " (check gitlab.url in the spec and the network)";
        }
        String text = Redactor.redact(ClientErrors.firstLine(String.valueOf(g.getMessage())));
        if (g.getHttpStatus() == 403 && text.contains(INSUFFICIENT_SCOPE)) {
            return where + " refused to " + what + ": the token lacks the api scope (" + text
                    + "); use a token with scope api (" + "Maintainer role for CI/CD variables)";
        }
        return switch (g.getHttpStatus()) {
            case 0 -> "cannot reach " + where + " to " + what + ": " + text + " (check gitlab.url in the spec and the network)";
            case 401 -> where + " refused the token (401 Unauthorized) to " + what + ": check GITLAB_TOKEN";
            case 403 -> where + " denied access (403) to " + what + ": " + text
                    + " (the token needs scope api; the user the Maintainer role)";
            case 404 -> where + ": not found when trying to " + what + " (" + text + ")";
            default -> where + " answered HTTP " + g.getHttpStatus() + " to " + what + ": " + text;
        };
    }
}
