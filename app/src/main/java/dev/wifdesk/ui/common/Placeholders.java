package dev.wifdesk.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The "nothing here yet" hint of lists and ladders, in one style. */
public final class Placeholders {
    private Placeholders() {
    }

    public static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("empty-hint");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
