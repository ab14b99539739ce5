package dev.wifdesk.ui.setup;

import dev.wifdesk.gitlab.TokenVault;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 1, Connect: the connection bar's target (ADC identity or the sandbox) and GitLab's URL and
 * token. On the sandbox both come from the sandbox and cannot be edited. The token stays in memory
 * unless the user ticks "Remember the token in the OS keyring" ({@link TokenVault}): then it is kept
 * there on Next, and offered again when the step is entered for that GitLab URL. A keyring that
 * cannot be reached is said so at once and the token stays in memory: it is never written elsewhere.
 */
public final class ConnectStepViewModel extends StepModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConnectStepViewModel.class);
    private final ConnectionState connection;
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sandbox = new ReadOnlyBooleanWrapper(false);
    private final StringProperty gitlabUrl = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final BooleanProperty remember = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper vaultNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper vaultFailed = new ReadOnlyBooleanWrapper(false);
    private final TokenVault vault;
    private final UiExecutor executor;
    /** What the vault is known to hold (read from it or stored in it), so Next does not store it again. */
    private String keptUrl;
    private String keptToken;
    private boolean offering;

    /** With the vault "Remember the token" keeps it in; its calls run on {@code executor}. */
    public ConnectStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages,
                                ConnectionState connection, TokenVault vault, UiExecutor executor) {
        super(state, validator, messages);
        this.connection = connection;
        this.vault = vault;
        this.executor = executor;
        revalidateOn(gitlabUrl, token);
        remember.subscribe((was, now) -> {
            if (now && !offering) {
                checkTheVault();
            }
        });
    }

    @Override
    protected void loadFields() {
        Optional<Connection> c = connection.current();
        state.setConnection(c.orElse(null));
        target.set(c.map(this::describe).orElse(messages.get("setup.connect.notConnected")));
        Optional<SandboxGitLab> sandboxGitLab = c.flatMap(Connection::sandboxGitLab);
        sandbox.set(sandboxGitLab.isPresent());
        if (sandboxGitLab.isPresent()) {
            gitlabUrl.set(GitLabAccess.of(sandboxGitLab.get()).url());
            token.set(sandboxGitLab.get().token());
            state.suggestedIssuerProperty().set(sandboxGitLab.get().issuer());
        } else {
            gitlabUrl.set(state.spec().gitlab().map(FederationSpec.GitLab::url).orElse("https://gitlab.com"));
            token.set(state.gitlab().map(GitLabAccess::token).orElse(""));
        }
    }

    /** On a real GitLab with no token typed yet, the one the vault keeps for its URL is offered. */
    @Override
    protected void entered() {
        String url = gitlabUrl.get().strip();
        if (sandbox.get() || !token.get().isBlank() || url.isEmpty()) {
            return;
        }
        executor.run(Work.of(() -> vault.read(url))
                .onSuccess(found -> found.filter(t -> token.get().isBlank() && url.equals(gitlabUrl.get().strip()))
                        .ifPresent(t -> {
                            keptUrl = url;
                            keptToken = t;
                            token.set(t);
                            offering = true;
                            remember.set(true);
                            offering = false;
                            note(messages.get("setup.connect.keyringOffered", url));
                        }))
                .onFailure(t -> LOG.info("No token offered from the OS keyring: {}", t.getMessage())));
    }

    /** The box was ticked: say at once whether the keyring can be used; untick it when not. */
    private void checkTheVault() {
        executor.run(Work.of(() -> {
            vault.check();
            return vault.name();
        })
                .onSuccess(name -> note(messages.get("setup.connect.keyringReady", name)))
                .onFailure(this::vaultFailed));
    }

    private void vaultFailed(Throwable t) {
        remember.set(false);
        vaultFailed.set(true);
        vaultNote.set(messages.get("setup.connect.keyringUnavailable", t.getMessage()));
        LOG.warn("The OS keyring is not available: {}", t.getMessage()); // the reason only, never the token
    }

    private void note(String text) {
        vaultFailed.set(false);
        vaultNote.set(text);
    }

    /** Next: keeps the token in the vault when asked (once per value), or removes one the user no longer wants kept. */
    private void keepOrForget(String url, String value) {
        if (sandbox.get() || value.isEmpty()) {
            return;
        }
        if (remember.get() && !(url.equals(keptUrl) && value.equals(keptToken))) {
            executor.run(Work.of(() -> {
                vault.store(url, value);
                return url;
            })
                    .onSuccess(u -> {
                        keptUrl = u;
                        keptToken = value;
                        note(messages.get("setup.connect.keyringStored", u));
                    })
                    .onFailure(this::vaultFailed));
        } else if (!remember.get() && url.equals(keptUrl)) {
            keptUrl = null;
            keptToken = null;
            executor.run(Work.of(() -> {
                vault.forget(url);
                return url;
            })
                    .onSuccess(u -> note(messages.get("setup.connect.keyringForgotten", u)))
                    .onFailure(this::vaultFailed));
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

    /** Next keeps the token in the vault, or forgets it there, as "Remember" says (Save does not). */
    @Override
    protected void confirmed() {
        keepOrForget(gitlabUrl.get().strip(), token.get().strip());
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

    /** "Remember the token in the OS keyring"; off unless ticked (or the token came from the keyring). */
    public BooleanProperty rememberProperty() {
        return remember;
    }

    /** True when the note says why the keyring cannot be used. */
    public ReadOnlyBooleanProperty vaultFailedProperty() {
        return vaultFailed.getReadOnlyProperty();
    }

    /** What the keyring did or why it cannot be used; empty before it is asked. */
    public ReadOnlyStringProperty vaultNoteProperty() {
        return vaultNote.getReadOnlyProperty();
    }
}
