package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderChoice;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** The provider / service-account picker panel: a live provider or pasted JSON, and the service account. */
public final class ProviderPickerController {
    private ProviderPickerViewModel picker;

    @FXML
    private RadioButton liveProviderRadio;
    @FXML
    private RadioButton jsonProviderRadio;
    @FXML
    private ComboBox<ProviderChoice> providerCombo;
    @FXML
    private Label providerStatusLabel;
    @FXML
    private VBox liveProviderBox;
    @FXML
    private TextArea providerJsonArea;
    @FXML
    private ComboBox<String> serviceAccountCombo;
    @FXML
    private Label serviceAccountStatusLabel;

    void bind(DiagnosticsViewModel vm) {
        this.picker = vm.picker();
        InputGuards.guard(providerJsonArea, vm.inputs(), InputsViewModel.Field.PROVIDER_JSON);
        providerJsonArea.textProperty().bindBidirectional(vm.providerJsonProperty());

        ToggleGroup source = new ToggleGroup();
        liveProviderRadio.setToggleGroup(source);
        jsonProviderRadio.setToggleGroup(source);
        liveProviderRadio.setSelected(vm.providerSourceProperty().get() == DiagnosticsSession.ProviderSource.LIVE);
        jsonProviderRadio.setSelected(!liveProviderRadio.isSelected());
        source.selectedToggleProperty().addListener((obs, old, t) -> vm.providerSourceProperty().set(
                t == jsonProviderRadio ? DiagnosticsSession.ProviderSource.JSON : DiagnosticsSession.ProviderSource.LIVE));
        liveProviderBox.visibleProperty().bind(liveProviderRadio.selectedProperty());
        liveProviderBox.managedProperty().bind(liveProviderBox.visibleProperty());
        providerJsonArea.visibleProperty().bind(jsonProviderRadio.selectedProperty());
        providerJsonArea.managedProperty().bind(providerJsonArea.visibleProperty());

        providerCombo.setItems(picker.providers());
        providerCombo.valueProperty().bindBidirectional(vm.selectedProviderProperty());
        providerStatusLabel.textProperty().bind(picker.providerStatusProperty());

        // pick from the listed accounts or type an e-mail: both reach the session as the text changes
        serviceAccountCombo.setItems(picker.serviceAccounts());
        serviceAccountCombo.valueProperty().bindBidirectional(vm.serviceAccountProperty());
        serviceAccountCombo.getEditor().textProperty().addListener((obs, old, text) -> {
            if (!Objects.equals(text, vm.serviceAccountProperty().get())) {
                vm.serviceAccountProperty().set(text);
            }
        });
        serviceAccountStatusLabel.textProperty().bind(picker.serviceAccountStatusProperty());
    }

    @FXML
    private void onRefreshProviders() {
        picker.loadProviders();
    }

    @FXML
    private void onRefreshServiceAccounts() {
        picker.loadServiceAccounts();
    }
}
