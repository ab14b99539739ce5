package dev.wifdesk.ui.setup;

import dev.wifdesk.model.Finding;
import dev.wifdesk.ui.common.FindingCard;
import dev.wifdesk.ui.core.Messages;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Step 7's panel: one card per planned step (action and resource, what it does, its field diffs
 * old -> new, its gcloud equivalent), the lint findings as finding cards, and Apply.
 */
public final class ReviewStepController {
    private final Messages messages;
    private final FindingCard findingCard;
    @FXML
    private Label reviewStatusLabel;
    @FXML
    private ProgressIndicator reviewBusy;
    @FXML
    private VBox stepsBox;
    @FXML
    private Label findingsTitle;
    @FXML
    private VBox findingsBox;
    @FXML
    private Button replanButton;
    @FXML
    private Button applyButton;
    private ReviewStepViewModel vm;
    private Runnable onApply = () -> { };

    public ReviewStepController(Messages messages) {
        this.messages = messages;
        this.findingCard = new FindingCard(messages);
    }

    void bind(ReviewStepViewModel vm, Runnable apply) {
        this.vm = vm;
        this.onApply = apply;
        reviewStatusLabel.textProperty().bind(vm.statusProperty());
        reviewBusy.visibleProperty().bind(vm.busyProperty());
        replanButton.disableProperty().bind(vm.busyProperty());
        applyButton.disableProperty().bind(vm.validProperty().not().or(vm.noChangesProperty()));
        vm.steps().addListener((ListChangeListener<SetupReview.Row>) c -> showSteps());
        vm.findings().addListener((ListChangeListener<Finding>) c -> showFindings());
        showSteps();
        showFindings();
    }

    private void showSteps() {
        stepsBox.getChildren().setAll(vm.steps().stream().map(this::card).toList());
    }

    private void showFindings() {
        findingsBox.getChildren().setAll(vm.findings().stream().map(f -> (Node) findingCard.card(f, List.of())).toList());
        findingsTitle.setVisible(!vm.findings().isEmpty());
        findingsTitle.setManaged(!vm.findings().isEmpty());
    }

    private VBox card(SetupReview.Row row) {
        Label head = new Label(messages.get("setup.review.stepHead", messages.get("plan.action." + row.action().name()),
                row.resource()));
        head.setWrapText(true);
        head.getStyleClass().add("finding-label");
        Label description = new Label(row.description());
        description.setWrapText(true);
        description.getStyleClass().add("change-description");
        VBox card = new VBox(4, head, description);
        card.setId("review-step-" + row.id());
        card.getStyleClass().addAll("finding-card", row.action() == dev.wifdesk.plan.Action.NONE ? "finding-info"
                : "finding-warning");
        if (!row.diffs().isEmpty()) {
            GridPane diffs = new GridPane();
            diffs.getStyleClass().add("change-grid");
            diffs.setHgap(8);
            diffs.addRow(0, bold(messages.get("setup.review.field")), bold(messages.get("setup.review.before")),
                    bold(messages.get("setup.review.after")));
            int r = 1;
            for (SetupReview.Diff d : row.diffs()) {
                String before = d.before().isEmpty() ? messages.get("setup.review.none") : d.before();
                diffs.addRow(r++, mono(d.field()), mono(before), mono(d.after()));
            }
            card.getChildren().add(diffs);
        }
        if (!row.gcloud().isBlank()) {
            TextArea gcloud = new TextArea(row.gcloud());
            gcloud.setEditable(false);
            gcloud.setWrapText(true);
            gcloud.setPrefRowCount(Math.min(4, (int) row.gcloud().lines().count() + 1));
            gcloud.getStyleClass().add("mono-area");
            card.getChildren().addAll(new Label(messages.get("setup.review.gcloud")), gcloud);
        }
        return card;
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("evidence-key");
        return l;
    }

    private static Label mono(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(420);
        l.getStyleClass().add("evidence-value");
        return l;
    }

    @FXML
    private void onReplan() {
        vm.plan();
    }

    @FXML
    private void onApply() {
        onApply.run();
    }
}
