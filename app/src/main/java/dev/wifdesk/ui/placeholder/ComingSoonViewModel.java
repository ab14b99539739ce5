package dev.wifdesk.ui.placeholder;

import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A section that is not built yet: says which project it will work on once it lands. */
public final class ComingSoonViewModel {
    private final ReadOnlyStringWrapper scope = new ReadOnlyStringWrapper("");
    private final Messages messages;

    public ComingSoonViewModel(ConnectionState state, Messages messages) {
        this.messages = messages;
        state.connectionProperty().addListener((obs, old, c) -> update(c));
        update(state.current().orElse(null));
    }

    private void update(Connection c) {
        // the project chosen in the connection bar
        scope.set(c == null || c.project().isEmpty()
                ? messages.get("comingSoon.scope.none")
                : messages.get("comingSoon.scope", c.project().get().describe()));
    }

    public ReadOnlyStringProperty scopeProperty() {
        return scope.getReadOnlyProperty();
    }
}
