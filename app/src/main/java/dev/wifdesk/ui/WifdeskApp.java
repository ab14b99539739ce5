package dev.wifdesk.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application (placeholder until the main window lands). */
public final class WifdeskApp extends Application {
    public static void launchGui() {
        Application.launch(WifdeskApp.class);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("WIF Desk"), 800, 600));
        stage.setTitle("WIF Desk");
        stage.show();
    }
}
