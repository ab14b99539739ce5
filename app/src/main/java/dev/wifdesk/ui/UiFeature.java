package dev.wifdesk.ui;

import dev.wifdesk.ui.core.ViewLoader;
import dev.wifdesk.ui.demo.DemoFederationDialog;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import java.util.function.Supplier;

/** One feature of the UI: registers how its controllers are built (constructor injection). */
@FunctionalInterface
public interface UiFeature {
    void register(ControllerRegistry registry, Context context);

    /** What features build their controllers with: the services and the parts shared across screens. */
    record Context(UiServices services, Supplier<ViewLoader> loader, DemoFederationViewModel demo,
                   DemoFederationDialog demoDialog) {
    }
}
