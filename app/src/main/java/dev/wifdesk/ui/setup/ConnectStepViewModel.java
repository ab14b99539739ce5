package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 1, Connect: the connection bar's target (ADC identity or the sandbox) and GitLab's URL and
 * token. On the sandbox both come from the sandbox and cannot be edited. The token stays in memory.
 */
public final class ConnectStepViewModel extends StepModel {
    private final ConnectionState connection;
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sandbox = new ReadOnlyBooleanWrapper(false);
    private final StringProperty gitlabUrl = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");

    public ConnectStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages,
                                ConnectionState connection) {
        super(state, validator, messages);
        this.connection = connection;
        revalidateOn(gitlabUrl, token);
    }

    @Override
    protected void loadFields() {
        Optional<Connection> c = connection.current();
        state.setConnection(c.orElse(null));
        target.set(c.map(this::describe).orElse(messages.get("setup.connect.notConnected")));
        Optional<SandboxGitLab> sandboxGitLab = c.flatMap(Connection::sandboxGitLab);
        sandbox.set(sandboxGitLab.isPresent());
        if (sandboxGitLab.isPresent()) {
            gitlabUrl.set(sandboxGitLab.get().baseUrl().toString().replaceAll("/+$", ""));
            token.set(sandboxGitLab.get().token());
            state.suggestedIssuerProperty().set(sandboxGitLab.get().issuer());
        } else {
            gitlabUrl.set(state.spec().gitlab().map(FederationSpec.GitLab::url).orElse("https://gitlab.com"));
            token.set(state.gitlab().map(GitLabAccess::token).orElse(""));
        }
    }

    private String describe(Connection c) {
        return c.target() == Connection.TargetKind.SANDBOX ? messages.get("setup.connect.sandbox", c.label())
                : messages.get("setup.connect.google", c.identity().isEmpty() ? c.label() : c.identity());
    }

    @Override
    protected FederationSpec candidate() {
        String defaultProject = state.connection().flatMap(Connection::sandboxGitLab).map(SandboxGitLab::projectPath)
                .orElse(null);
        return SpecEdits.gitlabUrl(state.spec(), gitlabUrl.get().strip(), defaultProject);
    }

    @Override
    protected List<String> fieldPrefixes() {
        return List.of("gitlab.url");
    }

    @Override
    protected List<String> ownProblems() {
        List<String> out = new ArrayList<>();
        if (connection.current().isEmpty()) {
            out.add(messages.get("setup.connect.notConnected"));
        }
        if (token.get() == null || token.get().isBlank()) {
            out.add(messages.get("setup.connect.tokenMissing"));
        }
        return out;
    }

    @Override
    public void store() {
        super.store();
        String url = gitlabUrl.get().strip();
        state.setGitlab(new GitLabAccess(url, token.get().strip()));
        if (!sandbox.get()) {
            state.suggestedIssuerProperty().set(url.replaceAll("/+$", ""));
        }
    }

    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** True on the sandbox: GitLab's URL and token are the sandbox's and read-only. */
    public ReadOnlyBooleanProperty sandboxProperty() {
        return sandbox.getReadOnlyProperty();
    }

    public StringProperty gitlabUrlProperty() {
        return gitlabUrl;
    }

    public StringProperty tokenProperty() {
        return token;
    }
}
