package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.gitlab.KeyringTokenVault;
import dev.wifdesk.gitlab.Keyrings;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.Screenshots;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Connect step over the REAL OS keyring ({@link KeyringTokenVault}), clicked on Monocle. This
 * box has no D-Bus session, so no Secret Service: ticking "Remember" says at once that the keyring
 * is not available and why, unticks the box, and Next goes on with the token in memory. (On a
 * desktop with a keyring the box stays ticked and the note says where the token will be kept.)
 */
@ExtendWith(ApplicationExtension.class)
class ConnectStepKeyringScreenTest {
    private final Messages messages = Messages.load(Locale.ROOT);
    private final ConnectionState connection = new ConnectionState();
    private SetupWizardViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        connection.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "acme", "me@acme.example",
                List.of(new Connection.ProjectInfo("acme-data", "123456789012", "Acme")), Optional.empty()));
        vm = SetupWizardViewModel.create(new SetupWizardState(), new FakeSetupService(), connection, new Navigator(),
                UiExecutor.inline(), messages, new CelEngine(), new KeyringTokenVault());
        WizardScene.show(stage, vm, messages, new FxFileDialogs());
    }

    @Test
    void rememberingWithoutAKeyringSaysSoAndKeepsTheTokenInMemory(FxRobot robot) {
        CheckBox remember = robot.lookup("#rememberCheck").queryAs(CheckBox.class);
        Label note = robot.lookup("#vaultNoteLabel").queryAs(Label.class);
        assertThat(remember.isSelected()).as("off by default").isFalse();
        assertThat(remember.isDisabled()).isFalse();
        assertThat(note.isVisible()).isFalse();
        robot.clickOn("#tokenField").write("glpat-typed-here");
        robot.clickOn("#rememberCheck");
        Screenshots.save(stage.getScene(), "setup_connect_keyring");
        assertThat(note.isVisible()).isTrue();
        if (Keyrings.available()) {
            assertThat(remember.isSelected()).isTrue();
            assertThat(note.getText()).startsWith("The token will be kept in the OS keyring");
            return; // not this box: nothing is stored by this test
        }
        assertThat(remember.isSelected()).as("unticked: nothing can be kept").isFalse();
        assertThat(note.getStyleClass()).contains("inline-error");
        assertThat(note.getText()).startsWith("The OS keyring is not available: No available keyring backend found")
                .endsWith("; the token stays in memory for this session.").doesNotContain("glpat-typed-here");
        robot.clickOn("#nextButton");
        assertThat(vm.currentProperty().get()).isEqualTo(SetupStep.PROJECT);
        assertThat(vm.state().gitlab()).map(GitLabAccess::token).contains("glpat-typed-here");
    }
}
