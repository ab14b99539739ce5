package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.diagnose.fix.ClaimRow;
import dev.wifdesk.diagnose.fix.ProviderChange;

import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.diagnose.live.JobDiagnosis;
import dev.wifdesk.model.Finding;
import java.util.Objects;
import dev.wifdesk.ui.common.ConfirmChangeDialog;
import dev.wifdesk.ui.common.FindingCard;
import dev.wifdesk.ui.common.Placeholders;
import dev.wifdesk.ui.common.StageLadder;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.demo.DemoFederationDialog;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** The Diagnostics screen: binds the view model and draws the ladder, findings and claims. */
public final class DiagnosticsController {
    private final DiagnosticsViewModel viewModel;
    private final Messages messages;

    @FXML
    private TextArea tokenArea;
    @FXML
    private TextArea errorArea;
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
    private Label inputMessageLabel;
    @FXML
    private Button diagnoseButton;
    @FXML
    private ProgressIndicator busyIndicator;
    @FXML
    private Label verdictLabel;
    @FXML
    private Label noticeLabel;
    @FXML
    private VBox stageBox;
    @FXML
    private VBox findingsBox;
    @FXML
    private ComboBox<String> serviceAccountCombo;
    @FXML
    private Label serviceAccountStatusLabel;
    @FXML
    private Button liveExchangeButton;
    @FXML
    private Label exchangeResultLabel;
    @FXML
    private Label liveNoteLabel;
    @FXML
    private TextField gitlabUrlField;
    @FXML
    private TextField gitlabProjectField;
    @FXML
    private Button latestFailuresButton;
    @FXML
    private ProgressIndicator failuresBusyIndicator;
    @FXML
    private Label failuresStatusLabel;
    @FXML
    private ListView<JobDiagnosis> failuresList;
    @FXML
    private TableView<ClaimRow> claimsTable;
    @FXML
    private TableColumn<ClaimRow, String> claimColumn;
    @FXML
    private TableColumn<ClaimRow, String> valueColumn;
    @FXML
    private TableColumn<ClaimRow, String> mappedColumn;

    @FXML
    private VBox demoBox;
    @FXML
    private Button demoButton;
    @FXML
    private ProgressIndicator demoBusyIndicator;
    @FXML
    private Label demoStatusLabel;
    @FXML
    private VBox sampleTokenRow;
    @FXML
    private ComboBox<String> sampleRefCombo;
    @FXML
    private Button mintTokenButton;

    private final DemoFederationViewModel demo;
    private final DemoFederationDialog demoDialog;
    private final StageLadder ladder;
    private final FindingCard cards;
    /** Listeners on what outlives this screen (the app-wide demo state), ended by dispose(). */
    private final List<Subscription> subscriptions = new ArrayList<>();

    public DiagnosticsController(DiagnosticsViewModel viewModel, Messages messages, DemoFederationViewModel demo,
                                 DemoFederationDialog demoDialog) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.demo = demo;
        this.demoDialog = demoDialog;
        this.ladder = new StageLadder(messages);
        this.cards = new FindingCard(messages);
    }

    /** The screen is closed: its listeners on app-wide state end, and so does its view model's. */
    public void dispose() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        viewModel.dispose();
    }

    /**
     * Sandbox only: the demo offer while the project has no provider (and while it runs or has
     * something to say), and the sample-token row whenever the sandbox GitLab can mint.
     */
    private void bindSandboxHelpers() {
        var offered = demo.availableProperty().and(viewModel.providersLoadedProperty())
                .and(javafx.beans.binding.Bindings.isEmpty(viewModel.providers()));
        demoBox.visibleProperty().bind(offered.or(demo.busyProperty())
                .or(demo.availableProperty().and(demo.statusProperty().isNotEmpty())));
        demoBox.managedProperty().bind(demoBox.visibleProperty());
        demoButton.disableProperty().bind(demo.busyProperty());
        demoBusyIndicator.visibleProperty().bind(demo.busyProperty());
        demoStatusLabel.textProperty().bind(demo.statusProperty());
        demoStatusLabel.visibleProperty().bind(demo.statusProperty().isNotEmpty());
        demoStatusLabel.managedProperty().bind(demoStatusLabel.visibleProperty());
        subscriptions.add(demo.completedProperty().subscribe((old, n) -> viewModel.reloadLive()));

        sampleTokenRow.visibleProperty().bind(viewModel.sampleTokensAvailableProperty());
        sampleTokenRow.managedProperty().bind(sampleTokenRow.visibleProperty());
        sampleRefCombo.getItems().setAll("main", "develop");
        sampleRefCombo.valueProperty().bindBidirectional(viewModel.sampleRefProperty());
        mintTokenButton.disableProperty().bind(viewModel.sampleTokensAvailableProperty().not().or(viewModel.busyProperty()));
        mintTokenButton.setTooltip(new Tooltip(messages.get("diag.sample.hint")));
    }

    @FXML
    private void onDemo() {
        demoDialog.confirmAndCreate(demoBox);
    }

    @FXML
    private void onMintToken() {
        viewModel.mintSampleToken();
    }

    @FXML
    private void initialize() {
        guard(tokenArea, InputsViewModel.Field.TOKEN);
        guard(errorArea, InputsViewModel.Field.ERROR_TEXT);
        guard(providerJsonArea, InputsViewModel.Field.PROVIDER_JSON);
        tokenArea.textProperty().bindBidirectional(viewModel.tokenProperty());
        errorArea.textProperty().bindBidirectional(viewModel.errorTextProperty());
        providerJsonArea.textProperty().bindBidirectional(viewModel.providerJsonProperty());
        acceptDrops(tokenArea, InputsViewModel.Field.TOKEN);
        acceptDrops(errorArea, InputsViewModel.Field.ERROR_TEXT);
        acceptDrops(providerJsonArea, InputsViewModel.Field.PROVIDER_JSON);

        ToggleGroup source = new ToggleGroup();
        liveProviderRadio.setToggleGroup(source);
        jsonProviderRadio.setToggleGroup(source);
        liveProviderRadio.setSelected(viewModel.providerSourceProperty().get() == DiagnosticsSession.ProviderSource.LIVE);
        jsonProviderRadio.setSelected(!liveProviderRadio.isSelected());
        source.selectedToggleProperty().addListener((obs, old, t) -> viewModel.providerSourceProperty().set(
                t == jsonProviderRadio ? DiagnosticsSession.ProviderSource.JSON : DiagnosticsSession.ProviderSource.LIVE));
        liveProviderBox.visibleProperty().bind(liveProviderRadio.selectedProperty());
        liveProviderBox.managedProperty().bind(liveProviderBox.visibleProperty());
        providerJsonArea.visibleProperty().bind(jsonProviderRadio.selectedProperty());
        providerJsonArea.managedProperty().bind(providerJsonArea.visibleProperty());

        providerCombo.setItems(viewModel.providers());
        providerCombo.valueProperty().bindBidirectional(viewModel.selectedProviderProperty());
        providerStatusLabel.textProperty().bind(viewModel.providerStatusProperty());

        inputMessageLabel.textProperty().bind(viewModel.inputMessageProperty());
        inputMessageLabel.visibleProperty().bind(viewModel.inputMessageProperty().isNotEmpty());
        inputMessageLabel.managedProperty().bind(inputMessageLabel.visibleProperty());
        noticeLabel.textProperty().bind(viewModel.noticeProperty());
        noticeLabel.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        noticeLabel.managedProperty().bind(noticeLabel.visibleProperty());
        verdictLabel.textProperty().bind(viewModel.verdictProperty());
        // the verdict is never cut; a long notice wraps beside it instead
        verdictLabel.setMinWidth(Region.USE_PREF_SIZE);
        noticeLabel.setWrapText(true);
        noticeLabel.setMinHeight(Region.USE_PREF_SIZE);
        viewModel.reportProperty().addListener((obs, old, r) -> {
            verdictLabel.getStyleClass().removeAll("verdict-pass", "verdict-fail");
            verdictLabel.getStyleClass().add(r != null && r.passed() ? "verdict-pass" : "verdict-fail");
        });
        diagnoseButton.disableProperty().bind(viewModel.busyProperty());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());

        claimsTable.setItems(viewModel.claims());
        claimColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().claim()));
        valueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        mappedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mappedTo()));
        valueColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                // long values (sub, URLs) are cut by the column: the tooltip shows them whole
                setTooltip(empty || value == null ? null : new Tooltip(value));
            }
        });

        bindServiceAccount();
        bindSandboxHelpers();
        bindExchange();
        bindLatestFailures();
        liveNoteLabel.textProperty().bind(viewModel.liveNoteProperty());
        liveNoteLabel.visibleProperty().bind(viewModel.liveNoteProperty().isNotEmpty());
        liveNoteLabel.managedProperty().bind(liveNoteLabel.visibleProperty());

        viewModel.stages().addListener((ListChangeListener<DiagnosisReport.Stage>) c -> drawStages());
        viewModel.findings().addListener((ListChangeListener<Finding>) c -> drawFindings());
        // "no findings" after a pass replaces "no diagnosis yet" even though the list stayed empty
        viewModel.reportProperty().addListener((obs, old, r) -> drawFindings());
        drawStages();
        drawFindings();
        if (viewModel.providers().isEmpty()) {
            viewModel.loadProviders();
        }
        if (viewModel.serviceAccounts().isEmpty()) {
            viewModel.loadServiceAccounts();
        }
    }

    /** Pick from the listed accounts or type an e-mail: both reach the view model as the text changes. */
    private void bindServiceAccount() {
        serviceAccountCombo.setItems(viewModel.serviceAccounts());
        serviceAccountCombo.valueProperty().bindBidirectional(viewModel.serviceAccountProperty());
        serviceAccountCombo.getEditor().textProperty().addListener((obs, old, text) -> {
            if (!Objects.equals(text, viewModel.serviceAccountProperty().get())) {
                viewModel.serviceAccountProperty().set(text);
            }
        });
        serviceAccountStatusLabel.textProperty().bind(viewModel.serviceAccountStatusProperty());
    }

    private void bindExchange() {
        liveExchangeButton.disableProperty().bind(viewModel.exchangeAvailableProperty().not());
        liveExchangeButton.setTooltip(new Tooltip(messages.get("diag.exchange.hint")));
        exchangeResultLabel.textProperty().bind(viewModel.exchangeResultProperty());
        exchangeResultLabel.visibleProperty().bind(viewModel.exchangeResultProperty().isNotEmpty());
        exchangeResultLabel.managedProperty().bind(exchangeResultLabel.visibleProperty());
        viewModel.exchangeFailedProperty().addListener((obs, old, failed) -> styleExchange(failed));
        styleExchange(viewModel.exchangeFailedProperty().get());
    }

    private void styleExchange(boolean failed) {
        exchangeResultLabel.getStyleClass().removeAll("exchange-ok", "exchange-failed");
        exchangeResultLabel.getStyleClass().add(failed ? "exchange-failed" : "exchange-ok");
    }

    private void bindLatestFailures() {
        LatestFailuresViewModel failures = viewModel.latestFailures();
        gitlabUrlField.textProperty().bindBidirectional(failures.gitlabUrlProperty());
        gitlabProjectField.textProperty().bindBidirectional(failures.projectPathProperty());
        failuresStatusLabel.textProperty().bind(failures.statusProperty());
        latestFailuresButton.disableProperty().bind(failures.busyProperty());
        failuresBusyIndicator.visibleProperty().bind(failures.busyProperty());
        failuresList.setItems(failures.jobs());
        failuresList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(JobDiagnosis job, boolean empty) {
                super.updateItem(job, empty);
                setText(null);
                setId(empty || job == null ? null : "job-" + job.id());
                if (empty || job == null) {
                    setGraphic(null);
                    return;
                }
                // a wrapping label as graphic: the excerpt wraps inside the list's width
                Label text = new Label(failures.label(job), new FontIcon(job.failed() ? MaterialDesignC.CLOSE_CIRCLE
                        : job.federationErrorFound() ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignM.MINUS_CIRCLE_OUTLINE));
                text.setWrapText(true);
                text.getStyleClass().add("job-label");
                text.maxWidthProperty().bind(list.widthProperty().subtract(36));
                text.setMinHeight(Region.USE_PREF_SIZE);
                setGraphic(text);
            }
        });
        failuresList.getSelectionModel().selectedItemProperty().addListener((obs, old, job) -> {
            if (job != null) {
                failures.selectedJobProperty().set(job);
            }
        });
        failures.selectedJobProperty().addListener((obs, old, job) -> {
            if (job != null && failuresList.getSelectionModel().getSelectedItem() != job) {
                failuresList.getSelectionModel().select(job);
            }
        });
    }

    @FXML
    private void onRefreshServiceAccounts() {
        viewModel.loadServiceAccounts();
    }

    @FXML
    private void onLatestFailures() {
        viewModel.latestFailures().run();
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
                .showAndWait(stageBox);
        if (ok) {
            viewModel.liveExchange();
        }
    }

    /** Shows the exact binding change ({@link PolicyChange#describe()}) and applies it only on "Apply". */
    private void confirmAndApplyBinding(PolicyChange change) {
        var describe = ConfirmChangeDialog.exactText("changeDescription", change.describe(), 4, 72);
        VBox content = new VBox(8, ConfirmChangeDialog.fieldLabel(messages.get("diag.fix.binding.change")), describe,
                ConfirmChangeDialog.note(messages.get("diag.fix.binding.note"), 560));
        boolean ok = ConfirmChangeDialog.titled("confirmBindingDialog", messages.get("diag.fix.confirm.title"),
                        messages.get("diag.fix.binding.header"))
                .confirmButton(messages.get("diag.fix.confirm.apply"), "confirmApplyButton")
                .content(content)
                .showAndWait(stageBox);
        if (ok) {
            viewModel.applyBindingFix(change);
        }
    }

    /** Refuses an edit (typically a paste) that would push the area over its limit. */
    private void guard(TextArea area, InputsViewModel.Field field) {
        UnaryOperator<TextFormatter.Change> filter = change -> {
            int newLength = change.getControlNewText().length();
            if (change.isContentChange() && !viewModel.acceptInput(field.key(), field.maxChars(), newLength)) {
                return null;
            }
            return change;
        };
        area.setTextFormatter(new TextFormatter<>(filter));
    }

    /** Dropped text goes in directly; a dropped file is checked and read by the view model, off the FX thread. */
    private void acceptDrops(TextArea area, InputsViewModel.Field field) {
        area.setOnDragOver((DragEvent e) -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasString()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        area.setOnDragDropped((DragEvent e) -> {
            var board = e.getDragboard();
            if (board.hasFiles() && !board.getFiles().isEmpty()) {
                viewModel.loadDroppedFile(field, board.getFiles().get(0).toPath());
                e.setDropCompleted(true);
            } else if (board.hasString()) {
                area.setText(board.getString());
                e.setDropCompleted(true);
            }
            e.consume();
        });
    }

    @FXML
    private void onDiagnose() {
        viewModel.diagnose();
    }

    @FXML
    private void onRefreshProviders() {
        viewModel.loadProviders();
    }

    @FXML
    private void onClear() {
        viewModel.clearInputs();
    }

    private void drawStages() {
        ladder.draw(stageBox, viewModel.stages().stream()
                .map(st -> new StageLadder.Rung(st.name(), StageLadder.Status.valueOf(st.status().name()), st.detail())).toList(),
                "diag.stages.empty");
    }

    private void drawFindings() {
        findingsBox.getChildren().clear();
        if (viewModel.findings().isEmpty()) {
            findingsBox.getChildren().add(placeholder(viewModel.reportProperty().get() == null
                    ? "diag.findings.empty" : "diag.findings.none"));
            return;
        }
        for (Finding f : viewModel.findings()) {
            findingsBox.getChildren().add(findingCard(f));
        }
    }

    private Node findingCard(Finding f) {
        List<Button> actions = new ArrayList<>();
        if (!f.fix().isEmpty()) {
            Button copy = new Button(messages.get("diag.fix.copy"), new FontIcon(MaterialDesignC.CONTENT_COPY));
            copy.setId("copyFix-" + f.code().name());
            copy.setOnAction(e -> viewModel.copyFix(f));
            actions.add(copy);
        }
        Optional<ProviderChange> change = viewModel.proposeFix(f);
        if (change.isPresent()) {
            actions.add(applyButton(f, () -> confirmAndApply(change.get())));
        }
        Optional<PolicyChange> binding = change.isPresent() ? Optional.empty() : viewModel.proposeBindingFix(f);
        if (binding.isPresent()) {
            actions.add(applyButton(f, () -> confirmAndApplyBinding(binding.get())));
        }
        return cards.card(f, actions);
    }

    /** A finding's "Apply fix": disabled while any task of the screen runs (no second patch meanwhile). */
    private Button applyButton(Finding f, Runnable confirm) {
        Button apply = new Button(messages.get("diag.fix.apply"), new FontIcon(MaterialDesignA.AUTO_FIX));
        apply.setId("applyFix-" + f.code().name());
        apply.getStyleClass().add("accent");
        apply.disableProperty().bind(viewModel.busyProperty());
        apply.setOnAction(e -> confirm.run());
        return apply;
    }

    /** Shows the exact change (field, before, after) and applies it only on "Apply". */
    private void confirmAndApply(ProviderChange change) {
        boolean ok = ConfirmChangeDialog.titled("confirmFixDialog", messages.get("diag.fix.confirm.title"),
                        messages.get("diag.fix.confirm.header", change.providerName()))
                .confirmButton(messages.get("diag.fix.confirm.apply"), "confirmApplyButton")
                .content(ConfirmChangeDialog.beforeAfter(messages.get("diag.fix.confirm.field"), change.updateMask(),
                        messages.get("diag.fix.confirm.before"), change.before(), messages.get("diag.fix.confirm.after"),
                        change.after(), messages.get("diag.fix.confirm.none")))
                .showAndWait(stageBox);
        if (ok) {
            viewModel.applyFix(change);
        }
    }

    private Node placeholder(String key) {
        return Placeholders.hint(messages.get(key));
    }
}
