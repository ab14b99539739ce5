package dev.wifdesk.ui.core;

import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * AtlantaFX Primer (light or dark) as the base, plus the app's one stylesheet of style classes.
 * The theme's compiled CSS is taken from the atlantafx-base jar by path: its Java classes are
 * built for Java 21 and the app runs on 17, the stylesheets themselves need no classes.
 */
public final class Theme {
    static final String PRIMER_LIGHT = "/atlantafx/base/theme/primer-light.css";
    static final String PRIMER_DARK = "/atlantafx/base/theme/primer-dark.css";
    public static final String STYLESHEET = "/fxml/css/wifdesk.css";

    private Theme() {
    }

    public static void apply(Scene scene, boolean dark) {
        useBase(dark);
        String css = Objects.requireNonNull(Theme.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    /**
     * Sets the base theme only. Called before the first control is made, it also spares JavaFX
     * loading its own default theme (Modena), which the first control would otherwise load.
     */
    public static void useBase(boolean dark) {
        String base = dark ? PRIMER_DARK : PRIMER_LIGHT;
        String url = Objects.requireNonNull(Theme.class.getResource(base), base).toExternalForm();
        if (!url.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(url);
        }
    }
}
