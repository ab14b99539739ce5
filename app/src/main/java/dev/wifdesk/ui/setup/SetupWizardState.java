package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.ui.connection.Connection;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Everything the wizard has gathered, in one object: the spec in progress (what Save writes and
 * the CLI reads), the connection it was gathered on, GitLab access (token in memory only), the
 * project's facts, how the verification job reaches GitLab, and the plan last reviewed. Steps
 * load from it and store into it; nothing else holds wizard data.
 */
public final class SetupWizardState {
    /** How the verification job reaches {@code .gitlab-ci.yml} (CLI.md gitlab.verificationJob). */
    public enum VerificationJob {
        MERGE_REQUEST("merge-request"), COMMIT("commit"), NONE("none");

        private final String wire;

        VerificationJob(String wire) {
            this.wire = wire;
        }

        public String wireName() {
            return wire;
        }
    }

    private final ObjectProperty<FederationSpec> spec = new SimpleObjectProperty<>(SpecEdits.initial());
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();
    private final ObjectProperty<GitLabAccess> gitlab = new SimpleObjectProperty<>();
    private final ObjectProperty<ProjectSummary> project = new SimpleObjectProperty<>();
    private final ObjectProperty<VerificationJob> verificationJob = new SimpleObjectProperty<>(VerificationJob.MERGE_REQUEST);
    private final ObjectProperty<SetupReview> review = new SimpleObjectProperty<>();
    /** The recommended issuer for this connection (the sandbox names its own; else the GitLab URL). */
    private final StringProperty suggestedIssuer = new SimpleStringProperty("");

    public FederationSpec spec() {
        return spec.get();
    }

    public void setSpec(FederationSpec value) {
        spec.set(value);
        // a changed spec invalidates the plan that was reviewed
        review.set(null);
    }

    public ObjectProperty<FederationSpec> specProperty() {
        return spec;
    }

    public Optional<Connection> connection() {
        return Optional.ofNullable(connection.get());
    }

    public void setConnection(Connection c) {
        connection.set(c);
    }

    public Optional<GitLabAccess> gitlab() {
        return Optional.ofNullable(gitlab.get());
    }

    public void setGitlab(GitLabAccess access) {
        gitlab.set(access);
    }

    public Optional<ProjectSummary> project() {
        return Optional.ofNullable(project.get());
    }

    public void setProject(ProjectSummary summary) {
        project.set(summary);
    }

    public ObjectProperty<VerificationJob> verificationJobProperty() {
        return verificationJob;
    }

    public Optional<SetupReview> review() {
        return Optional.ofNullable(review.get());
    }

    public void setReview(SetupReview r) {
        review.set(r);
    }

    public StringProperty suggestedIssuerProperty() {
        return suggestedIssuer;
    }
}
