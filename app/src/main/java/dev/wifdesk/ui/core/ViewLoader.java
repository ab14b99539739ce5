package dev.wifdesk.ui.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * The one FXML loader factory: every view gets the message bundle and controllers built by
 * the controller factory (constructor injection of their services).
 */
public final class ViewLoader {
    private final ResourceBundle bundle;
    private final Callback<Class<?>, Object> controllerFactory;

    public ViewLoader(ResourceBundle bundle, Callback<Class<?>, Object> controllerFactory) {
        this.bundle = bundle;
        this.controllerFactory = controllerFactory;
    }

    /** A loaded view: its root node and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    public <C> Loaded<C> load(View view) {
        URL url = Objects.requireNonNull(View.class.getResource(view.resource()), () -> "missing " + view.resource());
        FXMLLoader loader = new FXMLLoader(url, bundle);
        loader.setControllerFactory(controllerFactory);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + view.resource(), e);
        }
    }

    public ResourceBundle bundle() {
        return bundle;
    }
}
