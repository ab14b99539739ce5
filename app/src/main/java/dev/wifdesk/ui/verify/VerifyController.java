package dev.wifdesk.ui.verify;

import dev.wifdesk.model.Finding;
import dev.wifdesk.ui.common.ConfirmChangeDialog;
import dev.wifdesk.ui.common.FindingCard;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.verify.LaunchMode;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Verify screen: binds the view model to the spec chooser, the checklist, the job and the findings. */
public final class VerifyController {
    private final VerifyViewModel vm;
    private final Messages messages;
    private final FindingCard cards;
    @FXML
    private Label specLabel;
    @FXML
    private TextField specFileField;
    @FXML
    private RadioButton modeNone;
    @FXML
    private RadioButton modeValidate;
    @FXML
    private RadioButton modeRun;
    @FXML
    private Button runButton;
    @FXML
    private Button cancelButton;
    @FXML
    private Label countdownLabel;
    @FXML
    private TableView<VerifyViewModel.Row> checksTable;
    @FXML
    private TableColumn<VerifyViewModel.Row, String> layerColumn;
    @FXML
    private TableColumn<VerifyViewModel.Row, String> nameColumn;
    @FXML
    private TableColumn<VerifyViewModel.Row, String> statusColumn;
    @FXML
    private TableColumn<VerifyViewModel.Row, String> detailColumn;
    @FXML
    private VBox jobBox;
    @FXML
    private Label jobIdLabel;
    @FXML
    private Label jobStateLabel;
    @FXML
    private TextField consoleField;
    @FXML
    private VBox findingsBox;
    @FXML
    private Button applyFixButton;
    @FXML
    private Label resultLabel;

    public VerifyController(VerifyViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.cards = new FindingCard(messages);
    }

    @FXML
    private void initialize() {
        specLabel.textProperty().bind(vm.specLabelProperty());
        ToggleGroup modes = new ToggleGroup();
        modeNone.setToggleGroup(modes);
        modeValidate.setToggleGroup(modes);
        modeRun.setToggleGroup(modes);
        modeNone.setUserData(LaunchMode.NONE);
        modeValidate.setUserData(LaunchMode.VALIDATE);
        modeRun.setUserData(LaunchMode.RUN);
        modes.selectToggle(switch (vm.modeProperty().get()) {
            case NONE -> modeNone;
            case VALIDATE -> modeValidate;
            case RUN -> modeRun;
        });
        modes.selectedToggleProperty().subscribe(t -> {
            if (t != null) {
                vm.modeProperty().set((LaunchMode) t.getUserData());
            }
        });
        runButton.disableProperty().bind(vm.runningProperty());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        countdownLabel.textProperty().bind(vm.countdownProperty());
        countdownLabel.visibleProperty().bind(vm.countdownProperty().isNotEmpty());
        countdownLabel.managedProperty().bind(countdownLabel.visibleProperty());
        layerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                messages.get(layerKey(c.getValue().layer()))));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                messages.get(statusKey(c.getValue().status()))));
        detailColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().detail()));
        checksTable.setItems(vm.rows());
        checksTable.setPlaceholder(new Label(messages.get("verify.checks.empty")));
        jobIdLabel.textProperty().bind(vm.jobIdProperty());
        jobStateLabel.textProperty().bind(vm.jobStateProperty());
        consoleField.textProperty().bind(vm.consoleUrlProperty());
        jobBox.visibleProperty().bind(vm.jobIdProperty().isNotEmpty());
        jobBox.managedProperty().bind(jobBox.visibleProperty());
        vm.findings().addListener((ListChangeListener<Finding>) c -> showFindings());
        applyFixButton.disableProperty().bind(vm.canApplyFixProperty().not().or(vm.runningProperty()));
        resultLabel.textProperty().bind(vm.resultProperty());
        vm.start();
    }

    private static String layerKey(dev.wifdesk.verify.Layer layer) {
        return switch (layer) {
            case PREFLIGHT -> "verify.layer.preflight";
            case LAUNCH -> "verify.layer.launch";
            case PIPELINE -> "verify.layer.pipeline";
        };
    }

    /** A row's status (a {@code CheckStatus} wire name, or running) as its label. */
    private static String statusKey(String status) {
        return switch (status) {
            case "pass" -> "verify.status.pass";
            case "fail" -> "verify.status.fail";
            case "waiting" -> "verify.status.waiting";
            case "skipped" -> "verify.status.skipped";
            default -> "verify.status.running";
        };
    }

    private void showFindings() {
        findingsBox.getChildren().setAll(vm.findings().stream().map(f -> cards.card(f, List.of())).toList());
    }

    @FXML
    private void onRun() {
        vm.start();
        vm.run();
    }

    @FXML
    private void onCancel() {
        vm.cancel();
    }

    @FXML
    private void onUseWizard() {
        vm.useWizardSpec();
    }

    @FXML
    private void onOpenTyped() {
        String typed = specFileField.getText() == null ? "" : specFileField.getText().strip();
        if (!typed.isEmpty()) {
            vm.open(Path.of(typed));
        }
    }

    @FXML
    private void onBrowse() {
        FileChooser c = new FileChooser();
        c.setTitle(messages.get("verify.spec.choose"));
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(messages.get("setup.file.filter"), "*.yaml", "*.yml", "*.json"));
        File f = c.showOpenDialog(specLabel.getScene() == null ? null : specLabel.getScene().getWindow());
        if (f != null) {
            specFileField.setText(f.getPath());
            vm.open(f.toPath());
        }
    }

    @FXML
    private void onApplyFix() {
        String steps = String.join(System.lineSeparator(), vm.fixSteps());
        boolean confirmed = ConfirmChangeDialog.titled("verifyFixDialog", messages.get("verify.fix.title"),
                        messages.get("verify.fix.header", vm.fixSteps().size()))
                .confirmButton(messages.get("verify.fix.confirm"), "confirmFixButton")
                .content(new VBox(8, ConfirmChangeDialog.exactText("verifyFixSteps", steps, 6, 70),
                        ConfirmChangeDialog.note(messages.get("verify.fix.note"), 620)))
                .showAndWait(applyFixButton);
        if (confirmed) {
            vm.applyFix();
        }
    }
}
