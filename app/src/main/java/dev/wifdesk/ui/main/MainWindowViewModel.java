package dev.wifdesk.ui.main;

import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionService;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection bar state: connects at start-up and switches targets (background Work), turns the
 * connection into bar texts, and lists the visible projects for the project chooser; the chosen
 * project goes into the shared connection, so every screen follows it.
 */
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
    private final ReadOnlyStringWrapper switchError = new ReadOnlyStringWrapper("");
    private final BooleanProperty switching = new SimpleBooleanProperty(false);
    private final ObservableList<Connection.ProjectInfo> projects = FXCollections.observableArrayList();
    private final ObservableList<Connection.ProjectInfo> projectsView = FXCollections.unmodifiableObservableList(projects);
    private final ReadOnlyObjectWrapper<Connection.ProjectInfo> chosenProject = new ReadOnlyObjectWrapper<>();
    private final Subscription connectionSubscription;

    public MainWindowViewModel(ConnectionService connectionService, ConnectionState state, UiExecutor executor,
                               Messages messages) {
        this.connectionService = connectionService;
        this.state = state;
        this.executor = executor;
        this.messages = messages;
        targetText.set(messages.get("connection.connecting"));
        // subscribe() also shows the connection already there; dispose() stops following it
        connectionSubscription = state.connectionProperty().subscribe(this::show);
    }

    /**
     * The bar's project chooser: every screen follows the chosen project. The projects and their
     * numbers were read when connecting, so the choice needs no I/O; the old project's running
     * work is cancelled (reads now, changes between steps) as on a target switch.
     */
    public void chooseProject(Connection.ProjectInfo project) {
        Optional<Connection> c = state.current();
        if (project == null || c.isEmpty() || switching.get() || c.get().project().filter(project::equals).isPresent()
                || !c.get().projects().contains(project)) {
            return;
        }
        LOG.info("Working in project {}", project.describe());
        executor.cancelRunning();
        state.connectionProperty().set(c.get().withProject(project));
    }

    /** The projects the connection can see, for the chooser. */
    public ObservableList<Connection.ProjectInfo> projects() {
        return projectsView;
    }

    /** The project every screen works in (null before a connection). */
    public ReadOnlyObjectProperty<Connection.ProjectInfo> chosenProjectProperty() {
        return chosenProject.getReadOnlyProperty();
    }

    /** Stops following the shared connection (the window is closing). */
    public void dispose() {
        connectionSubscription.unsubscribe();
    }

    /** Starts the start-up connection off the FX thread. */
    public void connect() {
        // no target switch while the start-up connect runs: both would race for the connection
        switching.set(true);
        status.set(Status.CONNECTING);
        targetText.set(messages.get("connection.connecting"));
        executor.run(Work.of(connectionService::connect)
                .onSuccess(c -> {
                    LOG.info("Connected to {} ({}) as {}", c.target(), c.label(), c.identity());
                    state.connectionProperty().set(c);
                })
                .onFailure(t -> {
                    LOG.warn("Connection failed: {}", ClientErrors.oneLine(t));
                    status.set(Status.FAILED);
                    targetText.set(messages.get("connection.failed", ClientErrors.oneLine(t)));
                })
                .onFinally(() -> switching.set(false)));
    }

    /**
     * The connection bar's target switch: connects to {@code kind} off the FX thread; the current
     * connection stays usable meanwhile. On success the old target's running tasks are cancelled
     * and every screen follows the new connection; on failure one line says why and the old
     * target stays (no Application Default Credentials: the sandbox keeps running).
     */
    public void switchTo(Connection.TargetKind kind) {
        if (switching.get() || kind == null || (kind == targetKind.get() && status.get() == Status.CONNECTED)) {
            return;
        }
        Connection before = state.connectionProperty().get();
        switching.set(true);
        switchError.set("");
        status.set(Status.CONNECTING);
        targetText.set(messages.get("connection.switching." + kind.name()));
        LOG.info("Switching the target to {}", kind);
        executor.run(Work.of(() -> connectionService.connect(kind))
                .onSuccess(c -> {
                    // the old target's reads stop now; its changes stop between steps, never mid-call
                    executor.cancelRunning();
                    LOG.info("Switched to {} ({}) as {}", c.target(), c.label(), c.identity());
                    state.connectionProperty().set(c);
                })
                .onFailure(t -> {
                    String why = ClientErrors.oneLine(t);
                    LOG.warn("Switching to {} failed: {}", kind, why);
                    switchError.set(why);
                    if (before != null) {
                        show(before);
                    } else {
                        status.set(Status.FAILED);
                        targetText.set(messages.get("connection.failed", why));
                    }
                })
                .onFinally(() -> switching.set(false)));
    }

    /** The last switch's failure in one line ("" when the last switch, or none, failed). */
    public ReadOnlyStringProperty switchErrorProperty() {
        return switchError.getReadOnlyProperty();
    }

    public BooleanProperty switchingProperty() {
        return switching;
    }

    private void show(Connection c) {
        if (c == null) {
            return;
        }
        status.set(Status.CONNECTED);
        if (c.target() != targetKind.get()) {
            switchError.set("");
        }
        targetKind.set(c.target());
        targetText.set(messages.get("connection.target." + c.target().name(), c.label()));
        operatorText.set(c.identity().isEmpty() ? "" : messages.get("connection.operator", c.identity()));
        projectsText.set(c.projects().isEmpty() ? messages.get("connection.noProjects") : messages.get("connection.project"));
        if (!projects.equals(c.projects())) {
            projects.setAll(c.projects());
        }
        chosenProject.set(c.project().orElse(null));
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
