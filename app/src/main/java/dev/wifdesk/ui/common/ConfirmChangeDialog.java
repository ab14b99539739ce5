package dev.wifdesk.ui.common;

import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;

/**
 * The one "confirm this change" dialog of the app: it shows the exact change (what the caller puts
 * in {@link #content}) and says yes only on its confirm button. Every screen that changes the cloud
 * asks through it (Diagnostics' Apply fix, the demo setup, the coming wizard, verify, rotation).
 *
 * <pre>{@code
 * boolean ok = ConfirmChangeDialog.titled("demoPlanDialog", title, header)
 *         .confirmButton(messages.get("demo.confirm.create"), "confirmDemoButton")
 *         .content(new VBox(8, ConfirmChangeDialog.exactText("demoPlanText", planText, 22, 96), ConfirmChangeDialog.note(text, 960)))
 *         .width(980)
 *         .showAndWait(anchor);
 * }</pre>
 * The cancel button's id is always {@code confirmCancelButton}.
 */
public final class ConfirmChangeDialog {
    public static final String CANCEL_ID = "confirmCancelButton";

    private final String dialogId;
    private final String title;
    private final String header;
    private String confirmText = "OK";
    private String confirmId = "confirmButton";
    private Node content;
    private double width = -1;

    private ConfirmChangeDialog(String dialogId, String title, String header) {
        this.dialogId = Objects.requireNonNull(dialogId);
        this.title = title;
        this.header = header;
    }

    /** {@code dialogId}: the dialog pane's id (tests find the dialog by it). */
    public static ConfirmChangeDialog titled(String dialogId, String title, String header) {
        return new ConfirmChangeDialog(dialogId, title, header);
    }

    /** The confirm button's text (a verb: "Apply", "Create", "Send") and id. */
    public ConfirmChangeDialog confirmButton(String text, String id) {
        this.confirmText = Objects.requireNonNull(text);
        this.confirmId = Objects.requireNonNull(id);
        return this;
    }

    /** What the user confirms: the exact change, e.g. {@link #exactText} or {@link #beforeAfter}, with a {@link #note}. */
    public ConfirmChangeDialog content(Node content) {
        this.content = content;
        return this;
    }

    /** A fixed width (long resource names must be readable whole); otherwise the content's own. */
    public ConfirmChangeDialog width(double px) {
        this.width = px;
        return this;
    }

    /**
     * Shows the dialog, owned by {@code anchor}'s window and styled with its stylesheets (anchor may
     * be null), and waits. True only when the user pressed the confirm button.
     */
    public boolean showAndWait(Node anchor) {
        ButtonType confirm = new ButtonType(confirmText, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", confirm, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(header);
        if (content != null) {
            alert.getDialogPane().setContent(content);
        }
        if (width > 0) {
            alert.getDialogPane().setMinWidth(width);
            alert.getDialogPane().setPrefWidth(width);
        }
        alert.getDialogPane().setId(dialogId);
        alert.getDialogPane().lookupButton(confirm).setId(confirmId);
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId(CANCEL_ID);
        if (anchor != null && anchor.getScene() != null) {
            alert.initOwner(anchor.getScene().getWindow());
            alert.getDialogPane().getStylesheets().addAll(anchor.getScene().getStylesheets());
        }
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    /** The change as read-only text the user can select and copy (a plan, a policy edit). */
    public static TextArea exactText(String id, String text, int rows, int columns) {
        TextArea area = new TextArea(text);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        area.setPrefColumnCount(columns);
        area.getStyleClass().add("change-description");
        return area;
    }

    /** A wrapping hint under the change (what else happens, what stays). */
    public static Label note(String text, double maxWidth) {
        Label note = new Label(text);
        note.setWrapText(true);
        note.getStyleClass().add("field-hint");
        note.setMaxWidth(maxWidth);
        note.setMinHeight(Region.USE_PREF_SIZE);
        return note;
    }

    /** A field label in the dialog's grid style. */
    public static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * One field's change: its name, the value before and after ({@code none} shown for an empty
     * value); the areas have ids {@code changeBefore} / {@code changeAfter}.
     */
    public static javafx.scene.layout.GridPane beforeAfter(String fieldTitle, String field, String beforeTitle,
                                                           String before, String afterTitle, String after, String none) {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.getStyleClass().add("change-grid");
        grid.addRow(0, fieldLabel(fieldTitle), new Label(field));
        grid.addRow(1, fieldLabel(beforeTitle), value("changeBefore", before, none));
        grid.addRow(2, fieldLabel(afterTitle), value("changeAfter", after, none));
        return grid;
    }

    private static TextArea value(String id, String text, String none) {
        TextArea area = new TextArea(text.isEmpty() ? none : text);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(8, Math.max(2, (int) text.lines().count())));
        area.setPrefColumnCount(60);
        return area;
    }
}
