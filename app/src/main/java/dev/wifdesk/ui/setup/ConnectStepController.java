package dev.wifdesk.ui.setup;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** Step 1's panel: the target, GitLab URL and token (a password field; on the sandbox both read-only). */
public final class ConnectStepController {
    @FXML
    private Label targetLabel;
    @FXML
    private TextField gitlabUrlField;
    @FXML
    private PasswordField tokenField;
    @FXML
    private Label sandboxNote;

    void bind(ConnectStepViewModel vm) {
        targetLabel.textProperty().bind(vm.targetProperty());
        gitlabUrlField.textProperty().bindBidirectional(vm.gitlabUrlProperty());
        tokenField.textProperty().bindBidirectional(vm.tokenProperty());
        gitlabUrlField.editableProperty().bind(vm.sandboxProperty().not());
        tokenField.editableProperty().bind(vm.sandboxProperty().not());
        sandboxNote.visibleProperty().bind(vm.sandboxProperty());
        sandboxNote.managedProperty().bind(sandboxNote.visibleProperty());
    }
}
