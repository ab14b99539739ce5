package dev.wifdesk.ui.demo;

import dev.wifdesk.ui.core.Messages;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Shows the demo plan (every resource and action, exactly; read in the background first) and runs
 * that same plan only on "Create". Used by the bar and Diagnostics.
 */
public final class DemoFederationDialog {
    private final DemoFederationViewModel viewModel;
    private final Messages messages;

    public DemoFederationDialog(DemoFederationViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    /** {@code anchor}: any node of the window the dialog belongs to (owner and stylesheets). */
    public void confirmAndCreate(Node anchor) {
        if (!viewModel.availableProperty().get()) {
            return;
        }
        viewModel.prepare(prepared -> show(anchor, prepared));
    }

    private void show(Node anchor, DemoFederationViewModel.PreparedPlan prepared) {
        ButtonType create = new ButtonType(messages.get("demo.confirm.create"), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", create, ButtonType.CANCEL);
        alert.setTitle(messages.get("demo.confirm.title"));
        alert.setHeaderText(messages.get("demo.confirm.header"));
        TextArea plan = new TextArea(prepared.text());
        plan.setId("demoPlanText");
        plan.setEditable(false);
        plan.setWrapText(true);
        plan.setPrefRowCount(22);
        plan.setPrefColumnCount(96);
        plan.getStyleClass().addAll("change-description", "mono-area");
        Label note = new Label(messages.get("demo.confirm.note"));
        note.setWrapText(true);
        note.getStyleClass().add("field-hint");
        note.setMaxWidth(960);
        note.setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().setContent(new VBox(8, plan, note));
        // the plan's lines are resource names: wide enough to read them whole
        alert.getDialogPane().setMinWidth(980);
        alert.getDialogPane().setPrefWidth(980);
        alert.getDialogPane().setId("demoPlanDialog");
        alert.getDialogPane().lookupButton(create).setId("confirmDemoButton");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("confirmCancelButton");
        if (anchor != null && anchor.getScene() != null) {
            alert.initOwner(anchor.getScene().getWindow());
            alert.getDialogPane().getStylesheets().addAll(anchor.getScene().getStylesheets());
        }
        alert.showAndWait().filter(create::equals).ifPresent(ok -> viewModel.create(prepared));
    }
}
