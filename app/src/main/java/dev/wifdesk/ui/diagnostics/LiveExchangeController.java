package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.ui.common.ConfirmChangeDialog;
import dev.wifdesk.ui.core.Messages;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/** The run and live-exchange panel: the inline message, Diagnose / Live exchange / Clear, the exchange's answer. */
public final class LiveExchangeController {
    private final Messages messages;
    private DiagnosticsViewModel viewModel;

    @FXML
    private Label inputMessageLabel;
    @FXML
    private Button diagnoseButton;
    @FXML
    private Button liveExchangeButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label exchangeResultLabel;

    public LiveExchangeController(Messages messages) {
        this.messages = messages;
    }

    void bind(DiagnosticsViewModel vm) {
        this.viewModel = vm;
        inputMessageLabel.textProperty().bind(vm.inputMessageProperty());
        inputMessageLabel.visibleProperty().bind(vm.inputMessageProperty().isNotEmpty());
        inputMessageLabel.managedProperty().bind(inputMessageLabel.visibleProperty());
        diagnoseButton.disableProperty().bind(vm.busyProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());

        LiveExchangeViewModel exchange = vm.exchange();
        liveExchangeButton.disableProperty().bind(exchange.availableProperty().not());
        liveExchangeButton.setTooltip(new Tooltip(messages.get("diag.exchange.hint")));
        exchangeResultLabel.textProperty().bind(exchange.resultProperty());
        exchangeResultLabel.visibleProperty().bind(exchange.resultProperty().isNotEmpty());
        exchangeResultLabel.managedProperty().bind(exchangeResultLabel.visibleProperty());
        exchange.failedProperty().addListener((obs, old, failed) -> styleExchange(failed));
        styleExchange(exchange.failedProperty().get());
    }

    private void styleExchange(boolean failed) {
        exchangeResultLabel.getStyleClass().removeAll("exchange-ok", "exchange-failed");
        exchangeResultLabel.getStyleClass().add(failed ? "exchange-failed" : "exchange-ok");
    }

    @FXML
    private void onDiagnose() {
        viewModel.diagnose();
    }

    @FXML
    private void onClear() {
        viewModel.clearInputs();
    }

    /** Asks once before the token leaves the machine: where it goes and as whom. */
    @FXML
    private void onLiveExchange() {
        String target = viewModel.exchangeTarget();
        Label body = new Label(messages.get("diag.exchange.confirm.body", target, viewModel.exchangeAudience(),
                viewModel.serviceAccountProperty().get()));
        body.setWrapText(true);
        body.setId("exchangeConfirmText");
        body.setPrefWidth(520);
        body.setMinHeight(Region.USE_PREF_SIZE);
        boolean ok = ConfirmChangeDialog.titled("confirmExchangeDialog", messages.get("diag.exchange.confirm.title"),
                        messages.get("diag.exchange.confirm.header", target))
                .confirmButton(messages.get("diag.exchange.confirm.send"), "confirmExchangeButton")
                .content(body)
                .showAndWait(liveExchangeButton);
        if (ok) {
            viewModel.liveExchange();
        }
    }
}
