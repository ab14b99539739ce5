package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.ui.core.Messages;
import java.util.Map;
import java.util.function.Function;

/**
 * The controllers of the Diagnostics panels ({@code diagnostics_*.fxml}), for the controller
 * factory. They need only the messages when built; the screen's controller hands each its view
 * model when the screen is loaded ({@code bind}).
 */
public final class DiagnosticsPanels {
    private static final Map<Class<?>, Function<Messages, Object>> PANELS = Map.of(
            InputsController.class, m -> new InputsController(),
            SampleTokenController.class, SampleTokenController::new,
            ProviderPickerController.class, m -> new ProviderPickerController(),
            LiveExchangeController.class, LiveExchangeController::new,
            LatestFailuresController.class, m -> new LatestFailuresController(),
            FindingsController.class, FindingsController::new);

    private DiagnosticsPanels() {
    }

    public static boolean isPanel(Class<?> type) {
        return PANELS.containsKey(type);
    }

    public static Object create(Class<?> type, Messages messages) {
        Function<Messages, Object> make = PANELS.get(type);
        if (make == null) {
            throw new IllegalArgumentException("not a Diagnostics panel: " + type.getName());
        }
        return make.apply(messages);
    }
}
