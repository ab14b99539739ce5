package dev.wifdesk.ui.verify;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.ui.setup.SetupWizardState;
import dev.wifdesk.verify.CheckResult;
import dev.wifdesk.verify.Layer;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.VerifyFix;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Verify screen: which spec (the Setup wizard's, or an opened file), how far to go, Run and
 * Cancel; a checklist that fills as checks finish, the propagation countdown, the Dataflow job,
 * the findings, and "Apply fix" (the failing checks' setup steps, then verification again). The
 * verifier's listener runs on its own thread: its events queue up and are applied on the handler
 * thread, as the wizard's Apply step does.
 */
public final class VerifyViewModel {
    /** One line of the checklist; {@code status} is pass / fail / waiting / skipped, or running while under way. */
    public record Row(Layer layer, String name, String status, String detail) {
    }

    /** A listener event: a check started, finished, or counts down. */
    private record Event(Layer layer, String name, CheckResult result, long secondsLeft, String why) {
    }

    private final VerifyService service;
    private final SetupWizardState wizard;
    private final ConnectionState connection;
    private final UiExecutor executor;
    private final Messages messages;
    private final ObjectProperty<LaunchMode> mode = new SimpleObjectProperty<>(LaunchMode.VALIDATE);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper specLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jobId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jobState = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper consoleUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApplyFix = new ReadOnlyBooleanWrapper(false);
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    /** An opened spec file; null: the wizard's spec. */
    private FederationSpec opened;
    private Set<String> fixSteps = Set.of();
    private UiExecutor.Running current = UiExecutor.Running.DONE;
    private boolean rerun;

    public VerifyViewModel(VerifyService service, SetupWizardState wizard, ConnectionState connection,
                           UiExecutor executor, Messages messages) {
        this.service = service;
        this.wizard = wizard;
        this.connection = connection;
        this.executor = executor;
        this.messages = messages;
    }

    /** The screen is shown: says which spec a run would verify. */
    public void start() {
        if (opened == null) {
            specLabel.set(wizardSpec().isPresent() ? messages.get("verify.spec.wizard", wizardSpec().get().gcp().project())
                    : messages.get("verify.spec.none"));
        }
    }

    /** The wizard's spec once it names a project (the fresh wizard's is empty). */
    private Optional<FederationSpec> wizardSpec() {
        FederationSpec s = wizard.spec();
        return s != null && s.gcp() != null && s.gcp().project() != null && !s.gcp().project().isBlank()
                ? Optional.of(s) : Optional.empty();
    }

    private Optional<FederationSpec> spec() {
        return opened != null ? Optional.of(opened) : wizardSpec();
    }

    /** Verifies the wizard's spec again (after a file was opened). */
    public void useWizardSpec() {
        opened = null;
        start();
    }

    /** Reads a spec file (disk I/O in a Work); a bad one is named with its rule and the old choice stays. */
    public void open(Path file) {
        specLabel.set(messages.get("verify.spec.opening", file.getFileName()));
        executor.run(Work.of(() -> service.load(file))
                .onSuccess(s -> {
                    opened = s;
                    specLabel.set(messages.get("verify.spec.file", file.getFileName(), s.gcp().project()));
                })
                .onFailure(t -> specLabel.set(messages.get("verify.spec.failed", file.getFileName(),
                        ClientErrors.oneLine(t)))));
    }

    /** GitLab as the wizard reached it, else the sandbox's own GitLab; none: the GitLab checks say so. */
    private Optional<GitLabAccess> gitlab(Connection c) {
        return wizard.gitlab().or(() -> c.sandboxGitLab().map(GitLabAccess::of));
    }

    /** Starts a verification of the chosen spec in the chosen mode; refused while one runs. */
    public void run() {
        Optional<FederationSpec> spec = spec();
        Optional<Connection> c = connection.current();
        if (running.get()) {
            return;
        }
        if (spec.isEmpty() || c.isEmpty()) {
            result.set(messages.get(spec.isEmpty() ? "verify.result.noSpec" : "verify.result.noConnection"));
            return;
        }
        LaunchMode m = mode.get();
        clear();
        running.set(true);
        result.set(messages.get("verify.result.running"));
        Optional<GitLabAccess> gitlab = gitlab(c.get()); // the wizard's state is read here, on the FX thread
        current = executor.run(Work.steps(p -> service.verify(c.get(), gitlab, spec.get(), m,
                        listener(p), p::isCancelled))
                .boundTo(connection::current)
                .onProgress((f, msg) -> drain())
                .onSuccess(this::show)
                .onFailure(t -> {
                    drain();
                    result.set(messages.get("verify.result.error", ClientErrors.oneLine(t)));
                })
                .onCancelled(() -> {
                    drain();
                    result.set(messages.get("verify.result.cancelled"));
                })
                .onFinally(() -> {
                    countdown.set("");
                    running.set(false);
                }));
    }

    /** Stops the verification (seen within a second) or, during a fix, between its steps. */
    public void cancel() {
        current.cancel();
    }

    /** Runs the failing checks' setup steps through the setup engine (the controller asked first), then verifies again. */
    public void applyFix() {
        Optional<FederationSpec> spec = spec();
        Optional<Connection> c = connection.current();
        if (running.get() || fixSteps.isEmpty() || spec.isEmpty() || c.isEmpty()) {
            return;
        }
        Set<String> steps = fixSteps;
        running.set(true);
        canApplyFix.set(false);
        result.set(messages.get("verify.fix.running", steps.size()));
        Optional<GitLabAccess> gitlab = gitlab(c.get());
        current = executor.run(Work.steps(p -> service.applyFix(c.get(), gitlab, spec.get(), steps,
                        p::isCancelled))
                .mutating()
                .boundTo(connection::current)
                .onSuccess(this::fixed)
                .onFailure(t -> result.set(messages.get("verify.fix.failed", ClientErrors.oneLine(t))))
                .onCancelled(() -> result.set(messages.get("verify.fix.cancelled")))
                .onFinally(() -> {
                    running.set(false);
                    if (rerun) {
                        rerun = false;
                        run();
                    }
                }));
    }

    private void fixed(PlanRun run) {
        if (run.failure().isPresent()) {
            result.set(messages.get("verify.fix.failed", ClientErrors.oneLine(run.failure().get())));
            return;
        }
        if (run.cancelled()) {
            result.set(messages.get("verify.fix.cancelled"));
            return;
        }
        // the fix is in: verify again once this work has finished
        rerun = true;
    }

    /** The steps "Apply fix" would run, for the confirmation. */
    public Set<String> fixSteps() {
        return fixSteps;
    }

    private void clear() {
        rows.clear();
        findings.clear();
        events.clear();
        countdown.set("");
        jobId.set("");
        jobState.set("");
        consoleUrl.set("");
        fixSteps = Set.of();
        canApplyFix.set(false);
    }

    private VerifyListener listener(Work.Progress p) {
        return new VerifyListener() {
            @Override
            public void started(Layer layer, String check) {
                events.add(new Event(layer, check, null, -1, null));
                p.update(-1, check);
            }

            @Override
            public void finished(CheckResult r) {
                events.add(new Event(r.layer(), r.name(), r, -1, null));
                p.update(-1, r.name());
            }

            @Override
            public void waiting(Layer layer, String check, long secondsLeft, String why) {
                events.add(new Event(layer, check, null, secondsLeft, why));
                p.update(-1, check);
            }
        };
    }

    private void drain() {
        for (Event e = events.poll(); e != null; e = events.poll()) {
            if (e.result() != null) {
                put(row(e.result()));
                countdown.set("");
            } else if (e.why() != null) {
                put(new Row(e.layer(), e.name(), "waiting", e.why()));
                countdown.set(messages.get("verify.countdown", e.name(), e.secondsLeft(), e.why()));
            } else {
                put(new Row(e.layer(), e.name(), "running", ""));
            }
        }
    }

    private static Row row(CheckResult r) {
        return new Row(r.layer(), r.name(), r.status().wireName(), r.detail());
    }

    /** Replaces the row of the same check, or appends it. */
    private void put(Row row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).layer() == row.layer() && rows.get(i).name().equals(row.name())) {
                rows.set(i, row);
                return;
            }
        }
        rows.add(row);
    }

    private void show(VerifyReport report) {
        drain();
        // the report is the truth: every check as it ended, in the order it ran
        rows.setAll(report.checks().stream().map(VerifyViewModel::row).toList());
        findings.setAll(report.findings());
        report.dataflowJob().ifPresent(j -> {
            jobId.set(j.id());
            jobState.set(j.state());
            consoleUrl.set(j.consoleUrl());
        });
        fixSteps = VerifyFix.stepIds(report);
        canApplyFix.set(!report.passed() && !fixSteps.isEmpty());
        if (report.cancelled()) {
            result.set(messages.get("verify.result.cancelled"));
        } else if (report.passed()) {
            result.set(messages.get("verify.result.passed", report.checks().size()));
        } else {
            result.set(messages.get("verify.result.failed", report.failed().size(), report.checks().size()));
        }
    }

    public ObjectProperty<LaunchMode> modeProperty() {
        return mode;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty specLabelProperty() {
        return specLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty jobIdProperty() {
        return jobId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty jobStateProperty() {
        return jobState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty consoleUrlProperty() {
        return consoleUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyFixProperty() {
        return canApplyFix.getReadOnlyProperty();
    }
}
