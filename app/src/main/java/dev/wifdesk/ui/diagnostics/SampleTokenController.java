package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.ui.core.Messages;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** The sample-token panel: shown whenever the sandbox GitLab can mint. */
public final class SampleTokenController {
    private final Messages messages;
    private SampleTokenViewModel viewModel;

    @FXML
    private VBox sampleTokenRow;
    @FXML
    private ComboBox<String> sampleRefCombo;
    @FXML
    private Button mintTokenButton;

    public SampleTokenController(Messages messages) {
        this.messages = messages;
    }

    void bind(SampleTokenViewModel sample, DiagnosticsSession session) {
        this.viewModel = sample;
        sampleTokenRow.visibleProperty().bind(sample.availableProperty());
        sampleTokenRow.managedProperty().bind(sampleTokenRow.visibleProperty());
        sampleRefCombo.getItems().setAll("main", "develop");
        sampleRefCombo.valueProperty().bindBidirectional(sample.sampleRefProperty());
        mintTokenButton.disableProperty().bind(sample.availableProperty().not().or(session.busyProperty()));
        mintTokenButton.setTooltip(new Tooltip(messages.get("diag.sample.hint")));
    }

    @FXML
    private void onMintToken() {
        viewModel.mint();
    }
}
