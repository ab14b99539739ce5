package dev.wifdesk.ui;

import dev.wifdesk.ui.core.Messages;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The window's first frame at start-up: the shell's frame (connection bar saying "Connecting…",
 * navigation pane with the app's name, empty content area), in the shell's own style classes, so
 * it looks like the shell before its controls arrive. Nothing in it can be clicked: no screen is
 * reached before its services exist. Built in code, not from FXML, and without icons: FXMLLoader's
 * first use and the icon font were a large part of the shell's first frame (docs/benchmarks.md
 * "Start-up"), and this view is a few labels and panes. The real shell (main_window.fxml) replaces
 * it once the services are built ({@link MainWindow#open}).
 */
final class StartupShell {
    static final String ID = "startupShell";
    /** The brand icon's size in the real shell (wifdesk.css .brand-icon): the title does not move when it comes. */
    private static final double BRAND_ICON_SIZE = 26;

    private StartupShell() {
    }

    static Parent build(Messages messages) {
        Label target = new Label(messages.get("connection.connecting"));
        target.getStyleClass().addAll("connection-target", "status-connecting");
        HBox bar = new HBox(target);
        bar.getStyleClass().add("connection-bar");
        VBox area = new VBox(bar);
        area.getStyleClass().add("connection-area");

        Region icon = new Region();
        icon.setMinSize(BRAND_ICON_SIZE, BRAND_ICON_SIZE);
        Label title = new Label(messages.get("app.title"));
        title.getStyleClass().add("brand-title");
        HBox brand = new HBox(icon, title);
        brand.getStyleClass().add("brand");
        VBox nav = new VBox(brand);
        nav.getStyleClass().add("nav-pane");

        StackPane content = new StackPane();
        content.getStyleClass().add("content-host");
        BorderPane root = new BorderPane(content, area, null, null, nav);
        root.setId(ID);
        root.getStyleClass().add("main-window");
        return root;
    }
}
