package dev.wifdesk.ui.setup;

import dev.wifdesk.ui.common.StepLines;
import dev.wifdesk.ui.core.Messages;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/** Step 8's panel: one line per step with its status, the result, Cancel and Verify now. */
public final class ApplyStepController {
    private final Messages messages;
    @FXML
    private ProgressBar progressBar;
    @FXML
    private VBox linesBox;
    @FXML
    private Label resultLabel;
    @FXML
    private Label mergeRequestLabel;
    @FXML
    private Button cancelButton;
    @FXML
    private Button verifyButton;
    private ApplyStepViewModel vm;

    public ApplyStepController(Messages messages) {
        this.messages = messages;
    }

    void bind(ApplyStepViewModel vm) {
        this.vm = vm;
        progressBar.progressProperty().bind(vm.progressProperty());
        resultLabel.textProperty().bind(vm.resultProperty());
        mergeRequestLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.mergeRequestUrlProperty().get().isEmpty() ? ""
                        : messages.get("setup.apply.mergeRequest", vm.mergeRequestUrlProperty().get()),
                vm.mergeRequestUrlProperty()));
        mergeRequestLabel.visibleProperty().bind(vm.mergeRequestUrlProperty().isNotEmpty());
        mergeRequestLabel.managedProperty().bind(mergeRequestLabel.visibleProperty());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        verifyButton.disableProperty().bind(vm.succeededProperty().not());
        vm.lines().addListener((ListChangeListener<StepLines.Line>) c -> showLines());
    }

    private void showLines() {
        linesBox.getChildren().setAll(vm.lines().stream().map(l -> StepLines.label(messages, l, "apply-line-")).toList());
    }


    @FXML
    private void onCancel() {
        vm.cancel();
    }

    @FXML
    private void onVerify() {
        vm.verifyNow();
    }
}
