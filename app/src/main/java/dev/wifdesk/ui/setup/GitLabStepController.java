package dev.wifdesk.ui.setup;

import dev.wifdesk.model.SetupValues;
import dev.wifdesk.ui.core.Messages;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

/** Step 6's panel: project, ref, variable settings, job mode, and the variables apply writes. */
public final class GitLabStepController {
    private final Messages messages;
    @FXML
    private TextField projectField;
    @FXML
    private TextField refField;
    @FXML
    private TextField scopeField;
    @FXML
    private CheckBox protectedCheck;
    @FXML
    private ComboBox<SetupWizardState.VerificationJob> jobModeCombo;
    @FXML
    private TextArea snippetArea;
    @FXML
    private TableView<SetupValues.Variable> variablesTable;
    @FXML
    private TableColumn<SetupValues.Variable, String> keyColumn;
    @FXML
    private TableColumn<SetupValues.Variable, String> valueColumn;
    @FXML
    private TableColumn<SetupValues.Variable, String> scopeColumn;
    @FXML
    private TableColumn<SetupValues.Variable, String> flagsColumn;

    public GitLabStepController(Messages messages) {
        this.messages = messages;
    }

    void bind(GitLabStepViewModel vm) {
        projectField.textProperty().bindBidirectional(vm.projectProperty());
        refField.textProperty().bindBidirectional(vm.refProperty());
        scopeField.textProperty().bindBidirectional(vm.scopeProperty());
        protectedCheck.selectedProperty().bindBidirectional(vm.protectedVariablesProperty());
        jobModeCombo.getItems().setAll(SetupWizardState.VerificationJob.values());
        jobModeCombo.setConverter(new StringConverter<>() {
            @Override
            public String toString(SetupWizardState.VerificationJob j) {
                return j == null ? "" : messages.get("setup.gitlab.jobMode." + j.name());
            }

            @Override
            public SetupWizardState.VerificationJob fromString(String s) {
                return null;
            }
        });
        jobModeCombo.valueProperty().bindBidirectional(vm.verificationJobProperty());
        snippetArea.textProperty().bind(vm.snippetProperty());
        variablesTable.setItems(vm.variables());
        variablesTable.setPlaceholder(new javafx.scene.control.Label(messages.get("setup.gitlab.noVariables")));
        keyColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().key()));
        valueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        scopeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().environmentScope()));
        flagsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(flags(c.getValue())));
    }

    private String flags(SetupValues.Variable v) {
        String p = messages.get(v.isProtected() ? "setup.gitlab.flag.protected" : "setup.gitlab.flag.unprotected");
        return v.masked() ? p + ", " + messages.get("setup.gitlab.flag.masked") : p;
    }
}
