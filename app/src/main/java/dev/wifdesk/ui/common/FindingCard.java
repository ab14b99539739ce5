package dev.wifdesk.ui.common;

import dev.wifdesk.model.Finding;
import dev.wifdesk.ui.core.Messages;
import java.util.List;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * A finding as a card: severity badge and code, the message, the fix, the evidence (sorted by
 * key), and the caller's action buttons. The card's id is {@code finding-CODE}; style classes
 * {@code finding-card} and {@code finding-SEVERITY}. Shared by Diagnostics and the coming verify
 * and rotation screens.
 */
public final class FindingCard {
    private final Messages messages;

    public FindingCard(Messages messages) {
        this.messages = messages;
    }

    /** {@code actions}: buttons for this finding (Copy fix, Apply fix, ...); none gives no action row. */
    public VBox card(Finding f, List<? extends Node> actions) {
        String severity = f.severity().wireName();
        Label badge = new Label(messages.get("diag.severity." + severity), new FontIcon(switch (f.severity()) {
            case ERROR -> MaterialDesignA.ALERT_OCTAGON;
            case WARNING -> MaterialDesignA.ALERT;
            case INFO -> MaterialDesignI.INFORMATION;
        }));
        badge.getStyleClass().addAll("severity-badge", "severity-" + severity);
        Label code = new Label(f.code().name());
        code.getStyleClass().add("finding-code");
        HBox head = new HBox(badge, code);
        head.getStyleClass().add("finding-head");

        Label message = new Label(f.message());
        message.setWrapText(true);
        message.getStyleClass().add("finding-message");
        VBox card = new VBox(head, message);
        if (!f.fix().isEmpty()) {
            Label fix = new Label(f.fix());
            fix.setWrapText(true);
            fix.getStyleClass().add("finding-fix");
            card.getChildren().addAll(title("diag.fix"), fix);
        }
        if (!f.evidence().isEmpty()) {
            card.getChildren().addAll(title("diag.evidence"), evidence(f));
        }
        if (!actions.isEmpty()) {
            HBox row = new HBox();
            row.getStyleClass().add("finding-actions");
            row.getChildren().addAll(actions);
            card.getChildren().add(row);
        }
        card.setId("finding-" + f.code().name());
        card.getStyleClass().addAll("finding-card", "finding-" + severity);
        return card;
    }

    private Label title(String key) {
        Label l = new Label(messages.get(key));
        l.getStyleClass().add("finding-label");
        return l;
    }

    private static GridPane evidence(Finding f) {
        GridPane evidence = new GridPane();
        evidence.getStyleClass().add("finding-evidence");
        int row = 0;
        for (var e : new TreeMap<>(f.evidence()).entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("evidence-key");
            k.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label(e.getValue());
            v.setWrapText(true);
            v.getStyleClass().add("evidence-value");
            evidence.addRow(row++, k, v);
        }
        return evidence;
    }
}
