package dev.wifdesk.ui;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Controller class -> how to build it, filled by each feature ({@link UiFeature}). Asking for a
 * class nobody registered is a programming error and says which class; registering one twice too.
 */
public final class ControllerRegistry {
    private final Map<Class<?>, Supplier<?>> suppliers = new LinkedHashMap<>();

    public <T> ControllerRegistry register(Class<T> type, Supplier<? extends T> supplier) {
        if (suppliers.putIfAbsent(type, supplier) != null) {
            throw new IllegalStateException("Two features register a controller for " + type.getName());
        }
        return this;
    }

    public Object create(Class<?> type) {
        Supplier<?> supplier = suppliers.get(type);
        if (supplier == null) {
            throw new IllegalArgumentException("No controller registered for " + type.getName()
                    + ": add it to its feature's UiFeature.register");
        }
        return supplier.get();
    }

    public Set<Class<?>> types() {
        return Collections.unmodifiableSet(suppliers.keySet());
    }
}
