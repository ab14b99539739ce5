package dev.wifdesk.ui.core;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The one place that knows which section is shown; the main window follows {@link #current()}. */
public final class Navigator {
    private final ObjectProperty<View> current = new SimpleObjectProperty<>(View.DIAGNOSTICS);

    public void show(View view) {
        if (!view.isSection()) {
            throw new IllegalArgumentException(view + " is not a navigation section");
        }
        current.set(view);
    }

    public ReadOnlyObjectProperty<View> current() {
        return current;
    }
}
