package dev.wifdesk.ui.setup;

import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

/** Step 5's panel: the account (create or reuse), grants, roles. */
public final class AccessStepController {
    @FXML
    private TextField accountField;
    @FXML
    private RadioButton createRadio;
    @FXML
    private RadioButton reuseRadio;
    @FXML
    private TextArea grantsArea;
    @FXML
    private CheckBox developerCheck;
    @FXML
    private CheckBox workerCheck;
    @FXML
    private TextArea otherRolesArea;

    void bind(AccessStepViewModel vm) {
        accountField.textProperty().bindBidirectional(vm.serviceAccountIdProperty());
        ToggleGroup mode = new ToggleGroup();
        createRadio.setToggleGroup(mode);
        reuseRadio.setToggleGroup(mode);
        createRadio.selectedProperty().bindBidirectional(vm.createProperty());
        reuseRadio.setSelected(!vm.createProperty().get());
        vm.createProperty().addListener((o, was, create) -> reuseRadio.setSelected(!create));
        grantsArea.textProperty().bindBidirectional(vm.grantsProperty());
        developerCheck.selectedProperty().bindBidirectional(vm.developerProperty());
        workerCheck.selectedProperty().bindBidirectional(vm.workerProperty());
        otherRolesArea.textProperty().bindBidirectional(vm.otherRolesProperty());
    }
}
