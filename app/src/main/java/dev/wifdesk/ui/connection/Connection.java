package dev.wifdesk.ui.connection;

import dev.wifdesk.cloud.GoogleClients;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app is connected to: the target kind, the connection bar's label, the signed-in
 * identity, the projects it can see, and the clients for that target (absent in UI tests that
 * use a double of {@link ConnectionService}).
 */
public record Connection(TargetKind target, String label, String identity, List<ProjectInfo> projects,
                         Optional<GoogleClients> clients, Optional<SandboxGitLab> sandboxGitLab) {
    public enum TargetKind { GOOGLE_CLOUD, SANDBOX }

    /** One project the identity can see; the number matters for audiences and principals. */
    public record ProjectInfo(String projectId, String projectNumber, String displayName) {
        public String describe() {
            return projectId + " (" + projectNumber + ")";
        }
    }

    public Connection {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(label, "label");
        identity = identity == null ? "" : identity;
        projects = List.copyOf(projects);
        clients = clients == null ? Optional.empty() : clients;
        sandboxGitLab = sandboxGitLab == null ? Optional.empty() : sandboxGitLab;
    }

    /** A connection without the sandbox's GitLab side (Google Cloud, or UI tests). */
    public Connection(TargetKind target, String label, String identity, List<ProjectInfo> projects,
                      Optional<GoogleClients> clients) {
        this(target, label, identity, projects, clients, Optional.empty());
    }

    /** The project every screen works in: the chosen one, else the first visible one. */
    public Optional<ProjectInfo> project() {
        return projects.stream().findFirst();
    }

    /** The old name of {@link #project()}: it now follows the bar's project choice too. */
    @Deprecated
    public Optional<ProjectInfo> firstProject() {
        return project();
    }
}
