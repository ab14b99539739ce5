package dev.wifdesk.plan;

import dev.wifdesk.cloud.GoogleClients;
import java.util.Objects;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;

/**
 * What a plan runs with: the Google clients, GitLab (absent when the plan has no GitLab step) and
 * the audited-change wrapper every mutating call goes through. Given at run time, so a plan made
 * earlier (and confirmed by the user) holds no open client.
 */
public record ChangeContext(GoogleClients google, Optional<GitLabApi> gitlab, AuditedChanges audited) {
    public ChangeContext {
        Objects.requireNonNull(google, "google");
        gitlab = gitlab == null ? Optional.empty() : gitlab;
        Objects.requireNonNull(audited, "audited");
    }

    public GitLabApi requireGitLab() {
        return gitlab.orElseThrow(() -> new IllegalStateException("this plan step needs GitLab, and none is connected"));
    }
}
