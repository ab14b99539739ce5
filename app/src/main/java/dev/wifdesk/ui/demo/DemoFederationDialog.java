package dev.wifdesk.ui.demo;

import dev.wifdesk.ui.common.ConfirmChangeDialog;
import dev.wifdesk.ui.core.Messages;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
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
        TextArea plan = ConfirmChangeDialog.exactText("demoPlanText", prepared.text(), 22, 96);
        plan.getStyleClass().add("mono-area");
        // the plan's lines are resource names: wide enough to read them whole
        boolean confirmed = ConfirmChangeDialog.titled("demoPlanDialog", messages.get("demo.confirm.title"),
                        messages.get("demo.confirm.header"))
                .confirmButton(messages.get("demo.confirm.create"), "confirmDemoButton")
                .content(new VBox(8, plan, ConfirmChangeDialog.note(messages.get("demo.confirm.note"), 960)))
                .width(980)
                .showAndWait(anchor);
        if (confirmed) {
            viewModel.create(prepared);
        }
    }
}
