package dev.wifdesk.ui.common;

import dev.wifdesk.ui.core.Messages;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * The stage ladder: one row per stage (icon, name, pass / fail / skipped badge, detail), in the
 * order the checks ran. Rows have the id {@code stage-NAME} and the style classes {@code stage-row}
 * and {@code stage-STATUS}. Shared by Diagnostics and the coming verify screen.
 */
public final class StageLadder {
    /** How a stage ended. */
    public enum Status { PASS, FAIL, SKIPPED }

    /** One rung: the stage's name, how it ended, one line of detail. */
    public record Rung(String name, Status status, String detail) {
        public Rung {
            detail = detail == null ? "" : detail;
        }
    }

    private final Messages messages;

    public StageLadder(Messages messages) {
        this.messages = messages;
    }

    /** Replaces {@code box}'s rows with {@code rungs}; {@code emptyKey}'s text when there are none. */
    public void draw(VBox box, List<Rung> rungs, String emptyKey) {
        box.getChildren().clear();
        if (rungs.isEmpty()) {
            box.getChildren().add(Placeholders.hint(messages.get(emptyKey)));
            return;
        }
        for (Rung s : rungs) {
            box.getChildren().add(row(s));
        }
    }

    private HBox row(Rung s) {
        String status = s.status().name().toLowerCase(Locale.ROOT);
        FontIcon icon = new FontIcon(switch (s.status()) {
            case PASS -> MaterialDesignC.CHECK_CIRCLE;
            case FAIL -> MaterialDesignC.CLOSE_CIRCLE;
            case SKIPPED -> MaterialDesignM.MINUS_CIRCLE_OUTLINE;
        });
        icon.getStyleClass().add("stage-icon");
        Label name = new Label(s.name());
        name.getStyleClass().add("stage-name");
        Label detail = new Label(s.detail());
        detail.getStyleClass().add("stage-detail");
        detail.setWrapText(true);
        HBox.setHgrow(detail, Priority.ALWAYS);
        Label badge = new Label(messages.get("diag.stage." + status));
        badge.getStyleClass().addAll("stage-badge");
        HBox row = new HBox(icon, name, badge, detail);
        row.setId("stage-" + s.name());
        row.getStyleClass().addAll("stage-row", "stage-" + status);
        return row;
    }
}
