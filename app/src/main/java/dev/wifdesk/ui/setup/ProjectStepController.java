package dev.wifdesk.ui.setup;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;

/** Step 2's panel: project id and number, the APIs that will be enabled. */
public final class ProjectStepController {
    @FXML
    private Label projectIdLabel;
    @FXML
    private Label numberLabel;
    @FXML
    private Label missingLabel;
    @FXML
    private Label statusLabel;
    @FXML
    private Button lookUpButton;
    @FXML
    private ProgressIndicator busyIndicator;
    private ProjectStepViewModel vm;

    void bind(ProjectStepViewModel vm) {
        this.vm = vm;
        projectIdLabel.textProperty().bind(vm.projectIdProperty());
        numberLabel.textProperty().bind(vm.numberProperty());
        missingLabel.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.missingServices()),
                vm.missingServices()));
        statusLabel.textProperty().bind(vm.statusProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        lookUpButton.disableProperty().bind(vm.busyProperty());
    }

    @FXML
    private void onLookUp() {
        vm.lookUp();
    }
}
