package dev.wifdesk.ui.diagnostics;

import java.util.function.UnaryOperator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextFormatter;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

/** Size limits and drops for the Diagnostics text areas (token, error text, provider JSON). */
final class InputGuards {
    private InputGuards() {
    }

    /** Refuses an edit (typically a paste) that would push the area over its limit; accepts drops. */
    static void guard(TextArea area, InputsViewModel inputs, InputsViewModel.Field field) {
        UnaryOperator<TextFormatter.Change> filter = change -> {
            int newLength = change.getControlNewText().length();
            if (change.isContentChange() && !inputs.acceptInput(field.key(), field.maxChars(), newLength)) {
                return null;
            }
            return change;
        };
        area.setTextFormatter(new TextFormatter<>(filter));
        acceptDrops(area, inputs, field);
    }

    /** Dropped text goes in directly; a dropped file is checked and read by the view model, off the FX thread. */
    private static void acceptDrops(TextArea area, InputsViewModel inputs, InputsViewModel.Field field) {
        area.setOnDragOver((DragEvent e) -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasString()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        area.setOnDragDropped((DragEvent e) -> {
            var board = e.getDragboard();
            if (board.hasFiles() && !board.getFiles().isEmpty()) {
                inputs.loadDroppedFile(field, board.getFiles().get(0).toPath());
                e.setDropCompleted(true);
            } else if (board.hasString()) {
                area.setText(board.getString());
                e.setDropCompleted(true);
            }
            e.consume();
        });
    }
}
