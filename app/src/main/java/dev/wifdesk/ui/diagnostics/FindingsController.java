package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.diagnose.fix.ClaimRow;
import dev.wifdesk.diagnose.fix.ProviderChange;
import dev.wifdesk.model.Finding;
import dev.wifdesk.ui.common.ConfirmChangeDialog;
import dev.wifdesk.ui.common.FindingCard;
import dev.wifdesk.ui.common.Placeholders;
import dev.wifdesk.ui.common.StageLadder;
import dev.wifdesk.ui.core.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The results and fixes panel: the verdict and notes, the stage ladder, a card per finding with
 * Copy fix and (after the exact change is confirmed) Apply fix, and the claims table.
 */
public final class FindingsController {
    private final Messages messages;
    private final StageLadder ladder;
    private final FindingCard cards;
    private DiagnosticsViewModel viewModel;

    @FXML
    private Label verdictLabel;
    @FXML
    private Label noticeLabel;
    @FXML
    private Label liveNoteLabel;
    @FXML
    private VBox stageBox;
    @FXML
    private VBox findingsBox;
    @FXML
    private TableView<ClaimRow> claimsTable;
    @FXML
    private TableColumn<ClaimRow, String> claimColumn;
    @FXML
    private TableColumn<ClaimRow, String> valueColumn;
    @FXML
    private TableColumn<ClaimRow, String> mappedColumn;

    public FindingsController(Messages messages) {
        this.messages = messages;
        this.ladder = new StageLadder(messages);
        this.cards = new FindingCard(messages);
    }

    void bind(DiagnosticsViewModel vm) {
        this.viewModel = vm;
        noticeLabel.textProperty().bind(vm.noticeProperty());
        noticeLabel.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        noticeLabel.managedProperty().bind(noticeLabel.visibleProperty());
        verdictLabel.textProperty().bind(vm.verdictProperty());
        // the verdict is never cut; a long notice wraps beside it instead
        verdictLabel.setMinWidth(Region.USE_PREF_SIZE);
        noticeLabel.setWrapText(true);
        noticeLabel.setMinHeight(Region.USE_PREF_SIZE);
        vm.reportProperty().addListener((obs, old, r) -> {
            verdictLabel.getStyleClass().removeAll("verdict-pass", "verdict-fail");
            verdictLabel.getStyleClass().add(r != null && r.passed() ? "verdict-pass" : "verdict-fail");
        });
        liveNoteLabel.textProperty().bind(vm.liveNoteProperty());
        liveNoteLabel.visibleProperty().bind(vm.liveNoteProperty().isNotEmpty());
        liveNoteLabel.managedProperty().bind(liveNoteLabel.visibleProperty());
        bindClaims(vm);

        vm.stages().addListener((ListChangeListener<DiagnosisReport.Stage>) c -> drawStages());
        // once per run (the report is set last); also turns "no diagnosis yet" into "no findings"
        vm.reportProperty().addListener((obs, old, r) -> drawFindings());
        drawStages();
        drawFindings();
    }

    private void bindClaims(DiagnosticsViewModel vm) {
        claimsTable.setItems(vm.claims());
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
    }

    private void drawStages() {
        ladder.draw(stageBox, viewModel.stages().stream()
                .map(st -> new StageLadder.Rung(st.name(), StageLadder.Status.valueOf(st.status().name()), st.detail())).toList(),
                "diag.stages.empty");
    }

    private void drawFindings() {
        findingsBox.getChildren().clear();
        if (viewModel.findings().isEmpty()) {
            findingsBox.getChildren().add(Placeholders.hint(messages.get(viewModel.reportProperty().get() == null
                    ? "diag.findings.empty" : "diag.findings.none")));
            return;
        }
        for (Finding f : viewModel.findings()) {
            findingsBox.getChildren().add(findingCard(f));
        }
    }

    private VBox findingCard(Finding f) {
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

    /** A finding's "Apply fix": disabled while any work of the screen runs (no second patch meanwhile). */
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

    /** Shows the exact binding change ({@link PolicyChange#describe()}) and applies it only on "Apply". */
    private void confirmAndApplyBinding(PolicyChange change) {
        VBox content = new VBox(8, ConfirmChangeDialog.fieldLabel(messages.get("diag.fix.binding.change")),
                ConfirmChangeDialog.exactText("changeDescription", change.describe(), 4, 72),
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
}
