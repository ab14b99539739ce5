package dev.wifdesk.ui.main;

import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionService;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connection bar state: connects at start-up (in a task) and turns the result into bar texts. */
public final class MainWindowViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindowViewModel.class);

    public enum Status { CONNECTING, CONNECTED, FAILED }

    private final ConnectionService connectionService;
    private final ConnectionState state;
    private final UiExecutor executor;
    private final Messages messages;

    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.CONNECTING);
    private final ReadOnlyStringWrapper targetText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper operatorText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper projectsText = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Connection.TargetKind> targetKind = new SimpleObjectProperty<>();

    public MainWindowViewModel(ConnectionService connectionService, ConnectionState state, UiExecutor executor,
                               Messages messages) {
        this.connectionService = connectionService;
        this.state = state;
        this.executor = executor;
        this.messages = messages;
        targetText.set(messages.get("connection.connecting"));
        state.connectionProperty().addListener((obs, old, c) -> show(c));
        if (state.current().isPresent()) {
            show(state.current().get());
        }
    }

    /** Starts the start-up connection off the FX thread. */
    public void connect() {
        status.set(Status.CONNECTING);
        targetText.set(messages.get("connection.connecting"));
        Task<Connection> task = new Task<>() {
            @Override
            protected Connection call() throws Exception {
                return connectionService.connect();
            }
        };
        task.setOnSucceeded(e -> {
            Connection c = task.getValue();
            LOG.info("Connected to {} ({}) as {}", c.target(), c.label(), c.identity());
            state.connectionProperty().set(c);
        });
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            LOG.warn("Connection failed: {}", ClientErrors.oneLine(t));
            status.set(Status.FAILED);
            targetText.set(messages.get("connection.failed", ClientErrors.oneLine(t)));
        });
        executor.execute(task);
    }

    private void show(Connection c) {
        if (c == null) {
            return;
        }
        status.set(Status.CONNECTED);
        targetKind.set(c.target());
        targetText.set(messages.get("connection.target." + c.target().name(), c.label()));
        operatorText.set(c.identity().isEmpty() ? "" : messages.get("connection.operator", c.identity()));
        projectsText.set(c.projects().isEmpty()
                ? messages.get("connection.noProjects")
                : messages.get("connection.projects",
                        c.projects().stream().map(Connection.ProjectInfo::projectId).collect(Collectors.joining(", "))));
    }

    public ObjectProperty<Status> statusProperty() {
        return status;
    }

    /** Which kind of target is connected (null while connecting or after a failure). */
    public ObjectProperty<Connection.TargetKind> targetKindProperty() {
        return targetKind;
    }

    public ReadOnlyStringProperty targetTextProperty() {
        return targetText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty operatorTextProperty() {
        return operatorText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty projectsTextProperty() {
        return projectsText.getReadOnlyProperty();
    }
}
