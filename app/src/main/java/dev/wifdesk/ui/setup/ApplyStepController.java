package dev.wifdesk.ui.setup;

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
        vm.lines().addListener((ListChangeListener<ApplyStepViewModel.Line>) c -> showLines());
    }

    private void showLines() {
        linesBox.getChildren().setAll(vm.lines().stream().map(this::line).toList());
    }

    private Label line(ApplyStepViewModel.Line l) {
        String status = messages.get("setup.apply.status." + l.status().name());
        Label label = new Label(l.detail().isEmpty() ? messages.get("setup.apply.line", status, l.resource())
                : messages.get("setup.apply.lineDetail", status, l.resource(), l.detail()));
        label.setWrapText(true);
        label.setId("apply-line-" + l.id());
        label.getStyleClass().add(switch (l.status()) {
            case DONE, UNCHANGED -> "stage-pass";
            case FAILED -> "stage-fail";
            default -> "stage-skipped";
        });
        return label;
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
