package dev.wifdesk.ui;

import dev.wifdesk.ui.core.ViewLoader;
import dev.wifdesk.ui.demo.DemoFederationDialog;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import javafx.util.Callback;

/**
 * Builds each controller with its view model and services (constructor injection), as the
 * features registered them ({@link Features}). The FXML loader calls it for every
 * {@code fx:controller}; an unknown class is a programming error naming the class.
 */
public final class UiControllerFactory implements Callback<Class<?>, Object> {
    private final ViewLoader loader;
    private final ControllerRegistry registry = new ControllerRegistry();

    public UiControllerFactory(UiServices services, ResourceBundle bundle) {
        this(services, bundle, Features.ALL);
    }

    UiControllerFactory(UiServices services, ResourceBundle bundle, List<UiFeature> features) {
        this.loader = new ViewLoader(bundle, this);
        // one demo state for the bar's menu and the Diagnostics screen
        DemoFederationViewModel demo = new DemoFederationViewModel(services.connectionState(), services.executor(),
                services.messages(), services.live().audit(), services.clock());
        UiFeature.Context context = new UiFeature.Context(services, () -> loader, demo,
                new DemoFederationDialog(demo, services.messages()));
        features.forEach(f -> f.register(registry, context));
    }

    public ViewLoader loader() {
        return loader;
    }

    /** The controller classes some feature registered. */
    public Set<Class<?>> registered() {
        return registry.types();
    }

    @Override
    public Object call(Class<?> type) {
        return registry.create(type);
    }
}
