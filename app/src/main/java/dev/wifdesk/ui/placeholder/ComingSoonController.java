package dev.wifdesk.ui.placeholder;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** Base of the placeholder screens; each section has its own subclass named after its FXML. */
public abstract class ComingSoonController {
    private final ComingSoonViewModel viewModel;

    @FXML
    private Label scopeLabel;

    protected ComingSoonController(ComingSoonViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        scopeLabel.textProperty().bind(viewModel.scopeProperty());
    }
}
