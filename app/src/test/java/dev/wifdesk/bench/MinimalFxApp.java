package dev.wifdesk.bench;

import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.StartupProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline of the start-up benchmark: the smallest JavaFX window (one label, the app's window
 * size, default theme), measured by the same {@link StartupProbe} as {@code wifdesk --measure-startup}.
 * {@code main} is outside the Application class, as in {@code dev.wifdesk.Main}: on the class path
 * the java launcher refuses a main class that extends Application. Run it the way
 * {@link StartupBench} does (same JVM, flags and class path as the launcher).
 */
public final class MinimalFxApp {
    private MinimalFxApp() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
        System.exit(0);
    }

    /** The window itself. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new StackPane(new Label("WIF Desk")), MainWindow.WIDTH, MainWindow.HEIGHT));
            stage.setTitle("WIF Desk");
            stage.show();
            StartupProbe.reportFirstPulse(stage, System.out);
        }
    }
}
