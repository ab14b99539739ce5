package dev.wifdesk.ui.setup;

import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/**
 * Step 1's panel: the target, GitLab URL and token (a password field; on the sandbox both read-only),
 * "Remember the token in the OS keyring" and what the keyring said.
 */
public final class ConnectStepController {
    @FXML
    private Label targetLabel;
    @FXML
    private TextField gitlabUrlField;
    @FXML
    private PasswordField tokenField;
    @FXML
    private CheckBox rememberCheck;
    @FXML
    private Label vaultNoteLabel;
    @FXML
    private Label sandboxNote;

    void bind(ConnectStepViewModel vm) {
        targetLabel.textProperty().bind(vm.targetProperty());
        gitlabUrlField.textProperty().bindBidirectional(vm.gitlabUrlProperty());
        tokenField.textProperty().bindBidirectional(vm.tokenProperty());
        gitlabUrlField.editableProperty().bind(vm.sandboxProperty().not());
        tokenField.editableProperty().bind(vm.sandboxProperty().not());
        // not a bidirectional binding: the view model unticks the box from inside the change when the
        // keyring is unavailable, which a binding would not carry back to the box
        vm.rememberProperty().subscribe(v -> rememberCheck.setSelected(vm.rememberProperty().get()));
        rememberCheck.setOnAction(e -> vm.rememberProperty().set(rememberCheck.isSelected()));
        rememberCheck.disableProperty().bind(vm.sandboxProperty());
        vaultNoteLabel.textProperty().bind(vm.vaultNoteProperty());
        vaultNoteLabel.visibleProperty().bind(vm.vaultNoteProperty().isNotEmpty());
        vaultNoteLabel.managedProperty().bind(vaultNoteLabel.visibleProperty());
        vm.vaultFailedProperty().subscribe(failed -> {
            vaultNoteLabel.getStyleClass().removeAll("notice", "inline-error");
            vaultNoteLabel.getStyleClass().add(failed ? "inline-error" : "notice");
        });
        sandboxNote.visibleProperty().bind(vm.sandboxProperty());
        sandboxNote.managedProperty().bind(sandboxNote.visibleProperty());
    }
}
