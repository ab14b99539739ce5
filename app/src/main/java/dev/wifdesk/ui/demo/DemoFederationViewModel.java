package dev.wifdesk.ui.demo;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.GitLabConnection;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.StepResult;
import dev.wifdesk.plan.demo.DemoSetup;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Subscription;
import org.gitlab4j.api.GitLabApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Create a demo federation in the sandbox": the plan is read in the background (what exists
 * decides each step's action), shown, and exactly that confirmed plan is run by the plan engine,
 * every mutating call audited. One instance serves the connection bar's menu and the Diagnostics
 * screen; {@link #completedProperty()} counts finished runs so screens can reload what they list.
 */
public final class DemoFederationViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFederationViewModel.class);

    /** Opens gitlab4j on the sandbox's GitLab (tests record where and when). */
    @FunctionalInterface
    public interface GitLabOpener {
        GitLabApi open(SandboxGitLab gitlab);
    }

    /** A plan read for one connection, and its text as the confirmation shows it. */
    public record PreparedPlan(Connection connection, Plan plan, String text) {
    }

    private final ConnectionState connection;
    private final UiExecutor executor;
    private final Messages messages;
    private final AuditLog audit;
    private final Clock clock;
    private final GitLabOpener gitlabOpener;

    private final BooleanBinding available;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper completed = new ReadOnlyIntegerWrapper(0);
    private final Subscription connectionSubscription;

    public DemoFederationViewModel(ConnectionState connection, UiExecutor executor, Messages messages, AuditLog audit,
                                   Clock clock) {
        this(connection, executor, messages, audit, clock, g -> GitLabConnection.open(g.baseUrl().toString(), g.token()));
    }

    public DemoFederationViewModel(ConnectionState connection, UiExecutor executor, Messages messages, AuditLog audit,
                                   Clock clock, GitLabOpener gitlabOpener) {
        this.connection = connection;
        this.executor = executor;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.gitlabOpener = gitlabOpener;
        available = Bindings.createBooleanBinding(() -> sandboxOf(connection.current()).isPresent(),
                connection.connectionProperty());
        connectionSubscription = connection.connectionProperty().subscribe(c -> status.set(""));
    }

    /** A sandbox connection with clients, a project and the sandbox GitLab: what the demo needs. */
    private static Optional<Connection> sandboxOf(Optional<Connection> c) {
        return c.filter(x -> x.target() == Connection.TargetKind.SANDBOX && x.clients().isPresent()
                && x.sandboxGitLab().isPresent() && x.project().isPresent());
    }

    private static DemoSetup setup(Connection c) {
        Connection.ProjectInfo p = c.project().orElseThrow();
        SandboxGitLab g = c.sandboxGitLab().orElseThrow();
        return new DemoSetup(new DemoSetup.Coordinates(p.projectId(), p.projectNumber(), g.issuer(), g.projectPath()));
    }

    /**
     * Reads the plan off the FX thread (it opens GitLab and reads the project), then hands it to
     * {@code ready} on the handler thread, unless the target changed meanwhile.
     */
    public void prepare(Consumer<PreparedPlan> ready) {
        Optional<Connection> c = sandboxOf(connection.current());
        if (c.isEmpty()) {
            status.set(messages.get("demo.unavailable"));
            return;
        }
        if (busy.get()) {
            return;
        }
        busy.set(true);
        Connection at = c.get();
        executor.run(Work.of(() -> {
            try (GitLabApi g = gitlabOpener.open(at.sandboxGitLab().orElseThrow())) {
                return setup(at).plan(at.clients().orElseThrow(), g);
            }
        }).boundTo(connection.connectionProperty()::get)
                // not busy before the dialog shows: its "Create" starts the apply, which is busy again
                // (no onFinally here: it would run after that and clear the apply's busy flag)
                .onSuccess(plan -> {
                    busy.set(false);
                    ready.accept(new PreparedPlan(at, plan, planText(plan)));
                })
                .onFailure(t -> {
                    busy.set(false);
                    String why = ClientErrors.oneLine(t);
                    LOG.warn("Could not read the demo plan: {}", why);
                    status.set(messages.get("demo.failed", why));
                })
                .onCancelled(() -> busy.set(false)));
    }

    /** The plan as text for the confirmation: one block per step, its action and resource first. */
    public String planText(Plan plan) {
        StringBuilder b = new StringBuilder();
        for (Step s : plan.steps()) {
            b.append(b.length() == 0 ? "" : "\n\n").append(messages.get("demo.step." + s.id()))
                    .append(" (").append(messages.get("plan.action." + s.action().name())).append("): ")
                    .append(s.resource()).append('\n').append(s.description());
        }
        return b.toString();
    }

    /**
     * Runs exactly the confirmed plan, as mutating work: a target switch stops it between steps,
     * never mid-call. Refused when the target changed since the plan was read.
     */
    public void create(PreparedPlan confirmed) {
        Optional<Connection> c = sandboxOf(connection.current());
        if (c.isEmpty()) {
            status.set(messages.get("demo.unavailable"));
            return;
        }
        if (!c.get().equals(confirmed.connection())) {
            status.set(messages.get("demo.stale"));
            return;
        }
        if (busy.get()) {
            return;
        }
        Connection at = c.get();
        busy.set(true);
        status.set(messages.get("demo.running"));
        executor.run(Work.steps(progress -> {
            GoogleClients google = at.clients().orElseThrow();
            try (GitLabApi g = gitlabOpener.open(at.sandboxGitLab().orElseThrow())) {
                AuditedChanges audited = new AuditedChanges(audit, at.identity(), clock);
                PlanRun run = PlanExecutor.run(confirmed.plan(), new ChangeContext(google, Optional.of(g), audited),
                        listener(progress), progress::isCancelled).orThrow();
                if (run.cancelled()) {
                    throw new Work.CancelledException();
                }
                return run;
            }
        }).mutating().boundTo(connection.connectionProperty()::get)
                .onProgress((fraction, message) -> {
                    if (message != null && !message.isEmpty() && busy.get()) {
                        status.set(message);
                    }
                })
                .onSuccess(run -> {
                    String done = messages.get("demo.done", run.changed(), run.unchanged());
                    status.set(run.auditFailures().isEmpty() ? done
                            : done + " " + messages.get("demo.auditFailed", run.auditFailures().size()));
                    completed.set(completed.get() + 1);
                })
                .onFailure(t -> {
                    String why = ClientErrors.oneLine(t);
                    LOG.warn("Demo setup failed: {}", why);
                    status.set(messages.get("demo.failed", why));
                    completed.set(completed.get() + 1);
                })
                // a target switch or a close: the menu item and the button must not stay disabled
                .onCancelled(() -> status.set(""))
                .onFinally(() -> busy.set(false)));
    }

    private PlanExecutor.Listener listener(Work.Progress progress) {
        return new PlanExecutor.Listener() {
            @Override
            public void starting(int index, int total, Step step) {
                progress.update((double) index / total, messages.get("demo.progress", index + 1, total,
                        messages.get("demo.step." + step.id())));
            }

            @Override
            public void finished(StepResult r) {
                LOG.info("Demo setup: {} {} ({})", r.step().id(), r.step().resource(),
                        r.outcome().changed() ? r.outcome() : "already exists");
            }
        };
    }

    /** True on a sandbox connection (the demo is only ever made there). */
    public BooleanBinding availableProperty() {
        return available;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Counts finished runs (success or failure): a change means "reload the lists". */
    public ReadOnlyIntegerProperty completedProperty() {
        return completed.getReadOnlyProperty();
    }

    /** Stops following the connection (the shell is closing). */
    public void dispose() {
        connectionSubscription.unsubscribe();
        available.dispose();
    }
}
