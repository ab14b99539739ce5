package dev.wifdesk.ui;

import dev.wifdesk.ui.core.Theme;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.main.MainWindowController;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * Puts the shell into a stage: loads the main window, applies the theme, starts the start-up
 * connection, and on close cancels background work and stops the sandbox.
 */
public final class MainWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 820;

    private MainWindow() {
    }

    public static void show(Stage stage, UiServices services, boolean connect) {
        UiControllerFactory controllers = new UiControllerFactory(services, services.messages().bundle());
        var loaded = controllers.loader().<MainWindowController>load(View.MAIN_WINDOW);
        Scene scene = new Scene(loaded.root(), WIDTH, HEIGHT);
        Theme.apply(scene, false);
        stage.setScene(scene);
        stage.setTitle(services.messages().get("app.title"));
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = MainWindow.class.getResource("/icons/wifdesk-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        stage.setOnHidden(e -> close(services));
        stage.show();
        if (connect) {
            Objects.requireNonNull(loaded.controller()).connect();
        }
    }

    /**
     * Window close: cancel running tasks, then stop what the connection started (the sandbox) on
     * its own thread: stopping servers, and waiting for a connect still under way (the service is
     * synchronized), must not freeze the FX thread. Not a daemon: the sandbox is stopped cleanly
     * before the JVM exits. Returns that thread (tests join it).
     */
    public static Thread close(UiServices services) {
        services.executor().close();
        Thread stop = new Thread(services.connectionService()::close, "wifdesk-close");
        stop.start();
        return stop;
    }
}
