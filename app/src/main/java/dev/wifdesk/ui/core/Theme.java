package dev.wifdesk.ui.core;

import java.net.URL;
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
    /** The same stylesheets in binary form, made at build time (installer/css/CompileThemes.java): much faster to load. */
    static final String PRIMER_LIGHT_BINARY = "/atlantafx-bss/primer-light.bss";
    static final String PRIMER_DARK_BINARY = "/atlantafx-bss/primer-dark.bss";
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
        String url = baseUrl(dark);
        if (!url.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(url);
        }
    }

    /** The binary form when the build made it, else the text stylesheet from the AtlantaFX jar. */
    static String baseUrl(boolean dark) {
        URL binary = Theme.class.getResource(dark ? PRIMER_DARK_BINARY : PRIMER_LIGHT_BINARY);
        if (binary != null) {
            return binary.toExternalForm();
        }
        String css = dark ? PRIMER_DARK : PRIMER_LIGHT;
        return Objects.requireNonNull(Theme.class.getResource(css), css).toExternalForm();
    }
}
