package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.gitlab.InMemoryTokenVault;
import dev.wifdesk.gitlab.TokenVault;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Connect step's "Remember the token in the OS keyring", on view models without a toolkit over
 * an in-memory vault: off by default and then nothing is kept; ticked, the token is kept on Next
 * and offered when the step is entered again in a new session; unticked, it is removed; a vault
 * that cannot be reached unticks the box, says why, and the token stays in memory only.
 */
class ConnectStepKeyringTest {
    private static final String URL = "https://gitlab.acme.example";
    private static final String TOKEN = "glpat-remember-me";
    private final Messages messages = Messages.load(Locale.ROOT);
    private final ConnectionState connection = new ConnectionState();

    private SetupWizardViewModel wizard(TokenVault vault) {
        connection.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "acme", "me@acme.example",
                List.of(new Connection.ProjectInfo("acme-data", "123456789012", "Acme")), Optional.empty()));
        SetupWizardViewModel w = SetupWizardViewModel.create(new SetupWizardState(), new FakeSetupService(), connection,
                new Navigator(), UiExecutor.inline(), messages, new CelEngine(), vault);
        w.start();
        return w;
    }

    private static void type(ConnectStepViewModel c) {
        c.gitlabUrlProperty().set(URL);
        c.tokenProperty().set(TOKEN);
    }

    @Test
    void offByDefaultTheTokenIsKeptInMemoryOnly() {
        InMemoryTokenVault vault = new InMemoryTokenVault();
        SetupWizardViewModel w = wizard(vault);
        type(w.connect());
        assertThat(w.connect().rememberProperty().get()).isFalse();
        w.next();
        assertThat(w.state().gitlab()).map(GitLabAccess::token).contains(TOKEN);
        assertThat(vault.contents()).isEmpty();
        assertThat(w.connect().vaultNoteProperty().get()).isEmpty();
    }

    @Test
    void savingTheSpecOnTheConnectStepKeepsNothingInTheVaultOnlyNextDoes() throws Exception {
        InMemoryTokenVault vault = new InMemoryTokenVault();
        SetupWizardViewModel w = wizard(vault);
        type(w.connect());
        w.connect().rememberProperty().set(true);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("wifdesk-spec", ".yaml");
        try {
            w.save(file);
            assertThat(java.nio.file.Files.readString(file)).contains(URL).doesNotContain(TOKEN);
            assertThat(vault.contents()).as("Save is not a confirmation").isEmpty();
            w.next();
            assertThat(vault.contents()).containsExactlyEntriesOf(java.util.Map.of(URL, TOKEN));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void tickedTheTokenIsKeptOnNextOfferedNextSessionAndRemovedWhenUnticked() {
        InMemoryTokenVault vault = new InMemoryTokenVault();
        SetupWizardViewModel first = wizard(vault);
        type(first.connect());
        first.connect().rememberProperty().set(true);
        assertThat(first.connect().vaultNoteProperty().get()).isEqualTo("The token will be kept in the memory when you go on.");
        assertThat(vault.contents()).as("nothing before Next").isEmpty();
        first.next();
        assertThat(vault.contents()).containsExactlyEntriesOf(java.util.Map.of(URL, TOKEN));
        first.back();
        first.next();
        assertThat(vault.contents()).hasSize(1);

        // a new session: the spec file names the GitLab, the token comes from the vault
        SetupWizardState state = new SetupWizardState();
        state.setSpec(SpecEdits.gitlabUrl(state.spec(), URL + "/", null));
        SetupWizardViewModel second = SetupWizardViewModel.create(state, new FakeSetupService(), connection,
                new Navigator(), UiExecutor.inline(), messages, new CelEngine(), vault);
        second.start();
        ConnectStepViewModel c = second.connect();
        assertThat(c.tokenProperty().get()).isEqualTo(TOKEN);
        assertThat(c.rememberProperty().get()).isTrue();
        assertThat(c.vaultNoteProperty().get()).startsWith("The token for " + URL).endsWith("was read from the OS keyring.");
        assertThat(second.canGoNextProperty().get()).isTrue();

        c.rememberProperty().set(false);
        second.next();
        assertThat(vault.contents()).isEmpty();
        assertThat(second.state().gitlab()).map(GitLabAccess::token).contains(TOKEN);
    }

    @Test
    void anUnavailableVaultUnticksTheBoxSaysWhyAndKeepsTheTokenInMemory() {
        InMemoryTokenVault vault = InMemoryTokenVault.unavailable("No available keyring backend found");
        SetupWizardViewModel w = wizard(vault);
        type(w.connect());
        w.connect().rememberProperty().set(true);
        assertThat(w.connect().rememberProperty().get()).isFalse();
        assertThat(w.connect().vaultNoteProperty().get()).isEqualTo("The OS keyring is not available: No available "
                + "keyring backend found; the token stays in memory for this session.");
        w.next();
        assertThat(w.state().gitlab()).map(GitLabAccess::token).contains(TOKEN);
    }

    @Test
    void theSandboxsTokenIsNeverKept() {
        InMemoryTokenVault vault = new InMemoryTokenVault();
        connection.connectionProperty().set(SetupWizardViewModelTest.sandbox());
        SetupWizardViewModel w = SetupWizardViewModel.create(new SetupWizardState(), new FakeSetupService(), connection,
                new Navigator(), UiExecutor.inline(), messages, new CelEngine(), vault);
        w.start();
        w.connect().rememberProperty().set(true);
        w.next();
        assertThat(vault.contents()).isEmpty();
    }
}
