package dev.wifdesk.ui.diagnostics;

import javafx.fxml.FXML;
import javafx.scene.control.TextArea;

/** The inputs panel: the token (and the sample-token panel under it) and the error text. */
public final class InputsController {
    @FXML
    private TextArea tokenArea;
    @FXML
    private TextArea errorArea;
    @FXML
    private SampleTokenController sampleTokenRowController;

    void bind(DiagnosticsViewModel vm) {
        InputGuards.guard(tokenArea, vm.inputs(), InputsViewModel.Field.TOKEN);
        InputGuards.guard(errorArea, vm.inputs(), InputsViewModel.Field.ERROR_TEXT);
        tokenArea.textProperty().bindBidirectional(vm.tokenProperty());
        errorArea.textProperty().bindBidirectional(vm.errorTextProperty());
        sampleTokenRowController.bind(vm.sampleToken(), vm.session());
    }
}
