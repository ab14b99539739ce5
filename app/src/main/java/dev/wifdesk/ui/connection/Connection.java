package dev.wifdesk.ui.connection;

import dev.wifdesk.cloud.GoogleClients;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app is connected to: the target kind, the connection bar's label, the signed-in
 * identity, the projects it can see, the clients for that target (absent in UI tests that use a
 * double of {@link ConnectionService}), and the project chosen in the bar, which every screen
 * works in ({@link #project()}). Choosing another project makes a new connection, so results
 * bound to the old one are dropped as after a target switch.
 */
public record Connection(TargetKind target, String label, String identity, List<ProjectInfo> projects,
                         Optional<GoogleClients> clients, Optional<SandboxGitLab> sandboxGitLab,
                         Optional<ProjectInfo> chosenProject) {
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
        chosenProject = chosenProject == null ? Optional.empty() : chosenProject;
        if (chosenProject.isPresent() && !projects.contains(chosenProject.get())) {
            throw new IllegalArgumentException("the chosen project " + chosenProject.get().projectId()
                    + " is not one of the visible projects");
        }
    }

    /** A connection on its first visible project. */
    public Connection(TargetKind target, String label, String identity, List<ProjectInfo> projects,
                      Optional<GoogleClients> clients, Optional<SandboxGitLab> sandboxGitLab) {
        this(target, label, identity, projects, clients, sandboxGitLab, Optional.empty());
    }

    /** A connection without the sandbox's GitLab side (Google Cloud, or UI tests). */
    public Connection(TargetKind target, String label, String identity, List<ProjectInfo> projects,
                      Optional<GoogleClients> clients) {
        this(target, label, identity, projects, clients, Optional.empty(), Optional.empty());
    }

    /** The project every screen works in: the one chosen in the bar, else the first visible one. */
    public Optional<ProjectInfo> project() {
        return chosenProject.isPresent() ? chosenProject : projects.stream().findFirst();
    }

    /** The same target on another of its visible projects. */
    public Connection withProject(ProjectInfo project) {
        return new Connection(target, label, identity, projects, clients, sandboxGitLab, Optional.of(project));
    }
}
