package dev.wifdesk.ui.rotation;

import dev.wifdesk.plan.Action;
import dev.wifdesk.rotate.RotationFinding;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.setup.SetupReview;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * A phase's plan as cards in the Setup review's look (same style classes and words): one card per
 * step with its field diffs and gcloud equivalent, one per rotation finding, and the plain text the
 * confirmation dialog shows.
 */
final class PlanCards {
    private final Messages messages;

    PlanCards(Messages messages) {
        this.messages = messages;
    }

    VBox step(SetupReview.Row row) {
        Label head = wrapped(messages.get("setup.review.stepHead", messages.get("plan.action." + row.action().name()),
                row.resource()), "finding-label");
        VBox card = new VBox(4, head, wrapped(row.description(), "change-description"));
        card.setId("rotation-step-" + row.id());
        card.getStyleClass().addAll("finding-card", row.action() == Action.NONE ? "finding-info" : "finding-warning");
        if (!row.diffs().isEmpty()) {
            GridPane diffs = new GridPane();
            diffs.getStyleClass().add("change-grid");
            diffs.setHgap(8);
            diffs.addRow(0, styled(messages.get("setup.review.field"), "evidence-key"),
                    styled(messages.get("setup.review.before"), "evidence-key"),
                    styled(messages.get("setup.review.after"), "evidence-key"));
            int r = 1;
            for (SetupReview.Diff d : row.diffs()) {
                diffs.addRow(r++, value(d.field()), value(d.before().isEmpty() ? messages.get("setup.review.none")
                        : d.before()), value(d.after()));
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

    VBox finding(RotationFinding f) {
        Label code = styled(f.code(), "finding-code");
        VBox card = new VBox(4, code, wrapped(f.message(), "finding-message"));
        if (!f.fix().isEmpty()) {
            card.getChildren().addAll(styled(messages.get("diag.fix"), "finding-label"), wrapped(f.fix(), "finding-fix"));
        }
        card.setId("finding-" + f.code());
        card.getStyleClass().addAll("finding-card", "finding-" + f.severity());
        return card;
    }

    /** What the confirmation shows: every step that changes something, and the findings. */
    String text(RotationReview r) {
        StringBuilder b = new StringBuilder();
        for (SetupReview.Row row : r.review().steps()) {
            if (row.action() == Action.NONE) {
                continue;
            }
            b.append(messages.get("setup.review.stepHead", messages.get("plan.action." + row.action().name()),
                    row.resource())).append('\n').append("    ").append(row.description()).append('\n');
            row.diffs().forEach(d -> b.append("    ").append(d.field()).append(": ")
                    .append(d.before().isEmpty() ? messages.get("setup.review.none") : d.before()).append(" -> ")
                    .append(d.after()).append('\n'));
        }
        r.findings().forEach(f -> b.append(f.severity()).append(' ').append(f.code()).append(": ").append(f.message())
                .append('\n'));
        return b.toString();
    }

    private static Label wrapped(String text, String style) {
        Label l = styled(text, style);
        l.setWrapText(true);
        return l;
    }

    private static Label styled(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }

    private static Label value(String text) {
        Label l = wrapped(text, "evidence-value");
        l.setMaxWidth(420);
        return l;
    }
}
