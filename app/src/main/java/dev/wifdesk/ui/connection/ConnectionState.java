package dev.wifdesk.ui.connection;

import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The current connection, shared by every screen (set once the start-up connect succeeds). */
public final class ConnectionState {
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();

    public ObjectProperty<Connection> connectionProperty() {
        return connection;
    }

    public Optional<Connection> current() {
        return Optional.ofNullable(connection.get());
    }
}
