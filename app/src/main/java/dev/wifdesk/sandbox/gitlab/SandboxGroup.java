package dev.wifdesk.sandbox.gitlab;

/** A group (namespace) of the sandbox GitLab; its CI/CD variables live in {@link GitLabStore}. */
public record SandboxGroup(long id, String fullPath, String visibility) {
    public String path() {
        return fullPath.substring(fullPath.lastIndexOf('/') + 1);
    }
}
