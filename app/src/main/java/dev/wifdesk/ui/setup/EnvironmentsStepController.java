package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.ui.core.Messages;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/** Step 4's panel: the environment list and the form that adds one. */
public final class EnvironmentsStepController {
    private final Messages messages;
    @FXML
    private ListView<FederationSpec.Environment> environmentList;
    @FXML
    private TextField envNameField;
    @FXML
    private TextField envAccountField;
    @FXML
    private CheckBox envProtectedCheck;
    @FXML
    private Button addEnvButton;
    @FXML
    private Button removeEnvButton;
    private EnvironmentsStepViewModel vm;

    public EnvironmentsStepController(Messages messages) {
        this.messages = messages;
    }

    void bind(EnvironmentsStepViewModel vm) {
        this.vm = vm;
        environmentList.setItems(vm.environments());
        environmentList.setPlaceholder(new javafx.scene.control.Label(messages.get("setup.env.none")));
        environmentList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FederationSpec.Environment e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : messages.get(e.protectedOnly() ? "setup.env.rowProtected"
                        : "setup.env.row", e.name(), e.serviceAccount() == null ? "" : e.serviceAccount().id()));
            }
        });
        envNameField.textProperty().bindBidirectional(vm.nameProperty());
        envAccountField.textProperty().bindBidirectional(vm.serviceAccountProperty());
        envProtectedCheck.selectedProperty().bindBidirectional(vm.protectedOnlyProperty());
        addEnvButton.disableProperty().bind(vm.nameProperty().isEmpty());
        removeEnvButton.disableProperty().bind(environmentList.getSelectionModel().selectedItemProperty().isNull());
    }

    @FXML
    private void onAdd() {
        vm.add();
    }

    @FXML
    private void onRemove() {
        vm.remove(environmentList.getSelectionModel().getSelectedItem());
    }
}
