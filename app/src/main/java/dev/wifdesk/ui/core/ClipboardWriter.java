package dev.wifdesk.ui.core;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Puts text on the clipboard (system clipboard in the app; a recorder in view-model tests). */
public interface ClipboardWriter {
    void put(String text);

    static ClipboardWriter system() {
        return text -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        };
    }
}
