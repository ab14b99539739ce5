package dev.wifdesk.ui;

import dev.wifdesk.ui.core.Messages;
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

    /** Everything at once: the shell, its first section, then the connection (tests: all in place on return). */
    public static void show(Stage stage, UiServices services, boolean connect) {
        MainWindowController controller = build(stage, services);
        controller.showCurrentSection();
        stage.show();
        if (connect) {
            controller.connect();
        }
    }

    /**
     * The app's start, first step: the window with the light first view ({@link StartupShell}), at
     * once, while the services are still being built. {@link #open} puts the shell in its place.
     */
    public static void showStartupShell(Stage stage, Messages messages) {
        // before the first control: otherwise JavaFX loads its own default theme first
        Theme.useBase(false);
        Scene scene = new Scene(StartupShell.build(messages), WIDTH, HEIGHT);
        Theme.apply(scene, false);
        stage.setScene(scene);
        stage.setTitle(messages.get("app.title"));
        stage.show();
    }

    /**
     * The app's start: the shell (navigation, connection bar) is shown first, in place of the
     * start-up view when that is showing; the first section (Diagnostics, the heaviest screen: most
     * of the start-up's CSS and layout) and the start-up connection follow right after the window's
     * next frame, so neither delays the window. Returns false, doing nothing, when the start-up
     * view's window was closed before the services were ready (it is not opened again).
     */
    public static boolean open(Stage stage, UiServices services) {
        if (stage.getScene() != null && !stage.isShowing()) {
            return false;
        }
        MainWindowController controller = build(stage, services);
        if (!stage.isShowing()) {
            stage.show();
        }
        StartupProbe.afterNextPulse(stage.getScene(), () -> {
            controller.showCurrentSection();
            controller.connect();
        });
        return true;
    }

    private static MainWindowController build(Stage stage, UiServices services) {
        // before the first control: otherwise JavaFX loads its own default theme first
        Theme.useBase(false);
        UiControllerFactory controllers = new UiControllerFactory(services, services.messages().bundle());
        var loaded = controllers.loader().<MainWindowController>load(View.MAIN_WINDOW);
        // the start-up view's scene when there is one: its stylesheets are already in place
        Scene scene = stage.getScene();
        if (scene == null) {
            scene = new Scene(loaded.root(), WIDTH, HEIGHT);
            stage.setScene(scene);
        } else {
            scene.setRoot(loaded.root());
        }
        Theme.apply(scene, false);
        stage.setTitle(services.messages().get("app.title"));
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = MainWindow.class.getResource("/icons/wifdesk-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        stage.setOnHidden(e -> close(services));
        return Objects.requireNonNull(loaded.controller());
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
