package dev.wifdesk.ui.rotation;

import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.ui.common.ConfirmChangeDialog;
import dev.wifdesk.ui.common.StepLines;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.verify.CheckResult;
import dev.wifdesk.verify.CheckStatus;
import java.io.File;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Rotation screen: binds {@link RotationViewModel} to the view, fills the pool table (an
 * overdue row gets the style class {@code pool-overdue}), shows a phase's plan as cards, asks
 * through {@link ConfirmChangeDialog} before the phase runs, and shows the run's lines and the
 * verification of the path it left live (one line per check, the pipeline with its web page).
 */
public final class RotationController {
    static final String OVERDUE = "pool-overdue";
    /** Dates in the table: the day, in UTC as the engine and the audit log keep them. */
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE
            .withZone(java.time.ZoneOffset.UTC);

    private final RotationViewModel vm;
    private final Messages messages;
    private final PlanCards cards;
    @FXML
    private TextField specPathField;
    @FXML
    private Label specStatusLabel;
    @FXML
    private HBox tokenRow;
    @FXML
    private PasswordField gitlabTokenField;
    @FXML
    private TextField policyDaysField;
    @FXML
    private Button refreshButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label overviewStatusLabel;
    @FXML
    private TableView<PoolStatus> poolTable;
    @FXML
    private TableColumn<PoolStatus, String> idColumn;
    @FXML
    private TableColumn<PoolStatus, String> stateColumn;
    @FXML
    private TableColumn<PoolStatus, String> ageColumn;
    @FXML
    private TableColumn<PoolStatus, String> lastColumn;
    @FXML
    private TableColumn<PoolStatus, String> dueColumn;
    @FXML
    private TableColumn<PoolStatus, String> pointingColumn;
    @FXML
    private TextField graceDaysField;
    @FXML
    private CheckBox copyUnmanagedCheck;
    @FXML
    private CheckBox overwriteChangedCheck;
    @FXML
    private Button prepareButton;
    @FXML
    private Button switchButton;
    @FXML
    private Button rollbackButton;
    @FXML
    private Button retireButton;
    @FXML
    private Label refusalLabel;
    @FXML
    private Label reviewStatusLabel;
    @FXML
    private VBox planBox;
    @FXML
    private VBox findingsBox;
    @FXML
    private Button runButton;
    @FXML
    private Button cancelButton;
    @FXML
    private ProgressBar progressBar;
    @FXML
    private VBox linesBox;
    @FXML
    private Label resultLabel;
    @FXML
    private VBox verificationBox;
    @FXML
    private VBox checksBox;
    @FXML
    private TextField pipelineField;

    public RotationController(RotationViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.cards = new PlanCards(messages);
    }

    @FXML
    private void initialize() {
        specPathField.textProperty().bindBidirectional(vm.specPathProperty());
        specStatusLabel.textProperty().bind(vm.specStatusProperty());
        gitlabTokenField.textProperty().bindBidirectional(vm.gitlabTokenProperty());
        policyDaysField.textProperty().bindBidirectional(vm.policyDaysProperty());
        graceDaysField.textProperty().bindBidirectional(vm.graceDaysProperty());
        copyUnmanagedCheck.selectedProperty().bindBidirectional(vm.copyUnmanagedProperty());
        overwriteChangedCheck.selectedProperty().bindBidirectional(vm.overwriteChangedProperty());
        tokenRow.visibleProperty().bind(vm.tokenNeededProperty());
        tokenRow.managedProperty().bind(vm.tokenNeededProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        overviewStatusLabel.textProperty().bind(vm.overviewStatusProperty());
        refusalLabel.textProperty().bind(vm.refusalProperty());
        reviewStatusLabel.textProperty().bind(vm.reviewStatusProperty());
        retireButton.textProperty().bind(vm.retireLabel());
        var blocked = vm.busyProperty().or(vm.run().runningProperty()).or(vm.specProperty().isNull());
        for (Button b : new Button[] {refreshButton, prepareButton, switchButton, rollbackButton, retireButton}) {
            b.disableProperty().bind(blocked);
        }
        runButton.disableProperty().bind(vm.reviewProperty().isNull().or(vm.run().runningProperty()));
        cancelButton.disableProperty().bind(vm.run().runningProperty().not());
        progressBar.progressProperty().bind(vm.run().progressProperty());
        resultLabel.textProperty().bind(vm.run().resultProperty());
        columns();
        vm.pools().addListener((ListChangeListener<PoolStatus>) c -> poolTable.getItems().setAll(vm.pools()));
        vm.reviewProperty().addListener((o, a, b) -> showReview());
        vm.run().lines().addListener((ListChangeListener<StepLines.Line>) c -> showLines());
        // the verification of the path now live: shown once one ran, the pipeline only when one ran
        var verified = vm.run().verifiedProperty().isNotNull();
        verificationBox.visibleProperty().bind(verified);
        verificationBox.managedProperty().bind(verified);
        pipelineField.textProperty().bind(vm.run().pipelineProperty());
        pipelineField.visibleProperty().bind(vm.run().pipelineProperty().isNotEmpty());
        pipelineField.managedProperty().bind(vm.run().pipelineProperty().isNotEmpty());
        vm.run().checks().addListener((ListChangeListener<CheckResult>) c -> checksBox.getChildren()
                .setAll(vm.run().checks().stream().map(this::check).toList()));
    }

    private Label check(CheckResult r) {
        Label label = new Label(messages.get("rotation.verify.check", messages.get("verify.status." + r.status().wireName()),
                messages.get("verify.layer." + r.layer().wireName()), r.name(), r.detail()));
        label.setWrapText(true);
        label.setId("rotation-check-" + r.layer().wireName() + "-" + r.name());
        label.getStyleClass().add(r.blocks() ? "stage-fail" : r.status() == CheckStatus.PASS ? "stage-pass" : "stage-skipped");
        return label;
    }

    private void columns() {
        column(idColumn, PoolStatus::poolId);
        column(stateColumn, p -> p.state() + (p.disabled() ? " " + messages.get("rotation.pool.disabled") : ""));
        column(ageColumn, vm::age);
        column(lastColumn, p -> when(p.lastRotation()));
        column(dueColumn, p -> p.purgeTime().map(t -> messages.get("rotation.pool.purge", t.length() >= 10 ? t.substring(0, 10) : t))
                .orElse(when(p.due()) + (p.overdue() ? " " + messages.get("rotation.pool.overdue") : "")));
        column(pointingColumn, p -> String.join(", ", p.pointedAtBy()));
        poolTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PoolStatus item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(OVERDUE);
                if (!empty && item != null && item.overdue()) {
                    getStyleClass().add(OVERDUE);
                }
                setId(empty || item == null ? null : "pool-row-" + item.poolId());
            }
        });
    }

    private static void column(TableColumn<PoolStatus, String> c, Function<PoolStatus, String> value) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
    }

    private String when(Optional<Instant> t) {
        return t.map(DAY::format).orElse(messages.get("rotation.pool.unknown"));
    }

    private void showReview() {
        RotationReview r = vm.reviewProperty().get();
        planBox.getChildren().setAll(r == null ? java.util.List.of()
                : r.review().steps().stream().map(cards::step).toList());
        findingsBox.getChildren().setAll(r == null ? java.util.List.of() : r.findings().stream().map(cards::finding).toList());
    }

    private void showLines() {
        linesBox.getChildren().setAll(vm.run().lines().stream().map(l -> StepLines.label(messages, l, "rotation-line-")).toList());
    }


    @FXML
    private void onBrowse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("rotation.spec.browseTitle"));
        // the same files the wizard and Verify open: the spec parser takes YAML and JSON alike
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(messages.get("setup.file.filter"),
                "*.yaml", "*.yml", "*.json"));
        File f = chooser.showOpenDialog(specPathField.getScene().getWindow());
        if (f != null) {
            vm.specPathProperty().set(f.getPath());
            vm.openSpec();
        }
    }

    @FXML
    private void onUseWizard() {
        vm.useWizardSpec();
    }

    @FXML
    private void onOpen() {
        vm.openSpec();
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onPrepare() {
        vm.plan(RotationPlan.Phase.PREPARE);
    }

    @FXML
    private void onSwitch() {
        vm.plan(RotationPlan.Phase.SWITCH);
    }

    @FXML
    private void onRollback() {
        vm.plan(RotationPlan.Phase.ROLLBACK);
    }

    @FXML
    private void onRetire() {
        vm.plan(RotationPlan.Phase.RETIRE);
    }

    /** The phase runs only after the user confirmed its exact plan. */
    @FXML
    private void onRun() {
        RotationReview r = vm.reviewProperty().get();
        if (r == null || !vm.canRun()) {
            return;
        }
        String phase = messages.get("rotation.phase." + r.phase().word());
        boolean ok = ConfirmChangeDialog.titled("rotationConfirmDialog", messages.get("rotation.confirm.title", phase),
                        messages.get("rotation.confirm.header", phase, r.oldPool(), r.newPool(), r.changes()))
                .confirmButton(messages.get("rotation.confirm.run", phase), "confirmRotationButton")
                .content(new VBox(8, ConfirmChangeDialog.exactText("rotationPlanText", cards.text(r), 18, 96),
                        ConfirmChangeDialog.note(messages.get("rotation.confirm.note"), 900)))
                .width(940)
                .showAndWait(runButton);
        if (ok) {
            vm.runReviewed();
        }
    }

    @FXML
    private void onCancel() {
        vm.run().cancel();
    }
}
