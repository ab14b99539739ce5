package dev.wifdesk.ui.demo;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.sandbox.DemoSetup;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.gitlab4j.api.GitLabApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Create a demo federation in the sandbox": the plan ({@link DemoSetup#plan()}) shown first,
 * then each step run in one task with progress, each written to the audit log. One instance
 * serves the connection bar's menu and the Diagnostics screen; {@link #completedProperty()}
 * counts finished runs so screens can reload what they list.
 */
public final class DemoFederationViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFederationViewModel.class);

    private final ConnectionState connection;
    private final UiExecutor executor;
    private final Messages messages;
    private final AuditLog audit;
    private final Clock clock;

    private final BooleanBinding available;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final IntegerProperty completed = new SimpleIntegerProperty(0);

    public DemoFederationViewModel(ConnectionState connection, UiExecutor executor, Messages messages, AuditLog audit,
                                   Clock clock) {
        this.connection = connection;
        this.executor = executor;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        available = Bindings.createBooleanBinding(() -> sandboxOf(connection.current()).isPresent(),
                connection.connectionProperty());
        connection.connectionProperty().addListener((obs, old, c) -> status.set(""));
    }

    /** A sandbox connection with clients, a project and the sandbox GitLab: what the demo needs. */
    private static Optional<Connection> sandboxOf(Optional<Connection> c) {
        return c.filter(x -> x.target() == Connection.TargetKind.SANDBOX && x.clients().isPresent()
                && x.sandboxGitLab().isPresent() && x.firstProject().isPresent());
    }

    private static DemoSetup.Coordinates coordinates(Connection c) {
        Connection.ProjectInfo p = c.firstProject().orElseThrow();
        SandboxGitLab g = c.sandboxGitLab().orElseThrow();
        return new DemoSetup.Coordinates(p.projectId(), p.projectNumber(), g.issuer(), g.projectPath());
    }

    private static DemoSetup setup(Connection c, GitLabApi gitlab) {
        GoogleClients clients = c.clients().orElseThrow();
        return new DemoSetup(clients, gitlab, coordinates(c));
    }

    private static GitLabApi gitlab(Connection c) {
        SandboxGitLab g = c.sandboxGitLab().orElseThrow();
        return new GitLabApi(g.baseUrl().toString(), g.token());
    }

    /** The exact steps, before anything is made (empty when not connected to the sandbox). */
    public List<DemoSetup.Step> plan() {
        Optional<Connection> c = sandboxOf(connection.current());
        if (c.isEmpty()) {
            return List.of();
        }
        try (GitLabApi g = gitlab(c.get())) {
            return setup(c.get(), g).plan();
        }
    }

    /** The plan as text for the confirmation: one block per step, its resource first. */
    public String planText() {
        StringBuilder b = new StringBuilder();
        for (DemoSetup.Step s : plan()) {
            b.append(b.length() == 0 ? "" : "\n\n").append(messages.get("demo.step." + s.kind().name()))
                    .append(": ").append(s.resource()).append('\n').append(s.description());
        }
        return b.toString();
    }

    /** Runs every step in a task (confirmed by the user); each step is audited, whatever its outcome. */
    public void create() {
        Optional<Connection> c = sandboxOf(connection.current());
        if (c.isEmpty()) {
            status.set(messages.get("demo.unavailable"));
            return;
        }
        if (busy.get()) {
            return;
        }
        String actor = c.get().identity();
        busy.set(true);
        status.set(messages.get("demo.running"));
        Task<int[]> task = new Task<>() {
            @Override
            protected int[] call() throws Exception {
                int[] counts = new int[2];
                try (GitLabApi g = gitlab(c.get())) {
                    DemoSetup demo = setup(c.get(), g);
                    List<DemoSetup.Step> steps = demo.plan();
                    for (int i = 0; i < steps.size(); i++) {
                        DemoSetup.Step step = steps.get(i);
                        updateMessage(messages.get("demo.progress", i + 1, steps.size(),
                                messages.get("demo.step." + step.kind().name())));
                        String action = "demo setup: " + step.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                        DemoSetup.Outcome outcome;
                        try {
                            outcome = demo.run(step.kind());
                        } catch (Exception e) {
                            audit.append(new AuditEntry(clock.instant(), actor, action, step.resource(),
                                    "failed: " + ClientErrors.oneLine(e), step.description()));
                            throw e;
                        }
                        audit.append(new AuditEntry(clock.instant(), actor, action, step.resource(),
                                outcome == DemoSetup.Outcome.ALREADY_EXISTS ? "already exists"
                                        : outcome.name().toLowerCase(Locale.ROOT), step.description()));
                        LOG.info("Demo setup {}/{}: {} {} ({})", i + 1, steps.size(), step.kind(), step.resource(),
                                outcome == DemoSetup.Outcome.ALREADY_EXISTS ? "already exists" : outcome);
                        counts[outcome == DemoSetup.Outcome.ALREADY_EXISTS ? 1 : 0]++;
                    }
                }
                return counts;
            }
        };
        task.messageProperty().addListener((obs, old, m) -> {
            if (m != null && !m.isEmpty() && busy.get()) {
                status.set(m);
            }
        });
        task.setOnSucceeded(e -> {
            busy.set(false);
            int[] counts = task.getValue();
            status.set(messages.get("demo.done", counts[0], counts[1]));
            completed.set(completed.get() + 1);
        });
        task.setOnFailed(e -> {
            busy.set(false);
            String why = ClientErrors.oneLine(task.getException());
            LOG.warn("Demo setup failed: {}", why);
            status.set(messages.get("demo.failed", why));
            completed.set(completed.get() + 1);
        });
        // a target switch cancels it: the menu item and the button must not stay disabled
        task.setOnCancelled(e -> busy.set(false));
        executor.execute(task);
    }

    /** True on a sandbox connection (the demo is only ever made there). */
    public BooleanBinding availableProperty() {
        return available;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Counts finished runs (success or failure): a change means "reload the lists". */
    public IntegerProperty completedProperty() {
        return completed;
    }
}
