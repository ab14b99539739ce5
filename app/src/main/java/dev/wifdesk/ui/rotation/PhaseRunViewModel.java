package dev.wifdesk.ui.rotation;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.rotate.PhaseVerification;
import dev.wifdesk.ui.common.StepLines;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import dev.wifdesk.verify.CheckResult;
import dev.wifdesk.verify.Layer;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One confirmed phase running: exactly the reviewed plan as mutating work (a cancel stops it
 * between steps, never mid-call), each step's line ({@link StepLines}, as the Setup wizard's Apply step), then the
 * verification of the path the phase left live ({@link PhaseVerification}, as {@code wifdesk rotate}
 * does: its checks and the pipeline it ran), and the result: "Done" only when both passed.
 */
public final class PhaseRunViewModel {
    private final UiExecutor executor;
    private final Messages messages;
    private final StepLines lines;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<VerifyReport> verified = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper pipeline = new ReadOnlyStringWrapper("");
    private UiExecutor.Running current = UiExecutor.Running.DONE;

    public PhaseRunViewModel(UiExecutor executor, Messages messages) {
        this.executor = executor;
        this.messages = messages;
        this.lines = new StepLines(messages);
    }

    /** What runs the plan in the background: the port with the connection bound in. */
    @FunctionalInterface
    interface Runner {
        PlanRun run(PlanExecutor.Listener listener, java.util.function.BooleanSupplier cancelled) throws Exception;
    }

    /** What verifies the path the phase left live in the background: the port with the connection bound in. */
    @FunctionalInterface
    interface Verification {
        Optional<VerifyReport> verify(VerifyListener listener, java.util.function.BooleanSupplier cancelled) throws Exception;
    }

    /**
     * Runs {@code review}'s plan, then (when it completed and the phase has one) {@code verification};
     * {@code done} afterwards (success, failure or cancel).
     */
    void start(RotationReview review, Runner runner, Verification verification, Runnable done) {
        if (running.get()) {
            return;
        }
        lines.reset(review.review().plan());
        running.set(true);
        progress.set(0);
        result.set(messages.get("rotation.run.running", messages.get("rotation.phase." + review.phase().word())));
        checks.clear();
        verified.set(null);
        pipeline.set("");
        boolean verifies = PhaseVerification.modeAfter(review.phase()).isPresent();
        boolean[] verifyFollows = {false};
        current = executor.run(Work.steps(p -> runner.run(lines.listener(p), p::isCancelled))
                .mutating()
                .onProgress((fraction, message) -> {
                    if (fraction >= 0) {
                        progress.set(fraction);
                    }
                    lines.drain();
                })
                .onSuccess(run -> {
                    finish(run);
                    if (verifies && run.succeeded() && !run.cancelled()) {
                        verifyFollows[0] = true;
                        verify(run, verification, done);
                    }
                })
                .onFailure(t -> {
                    lines.failed(ClientErrors.oneLine(t));
                    result.set(messages.get("rotation.run.failed", ClientErrors.oneLine(t)));
                })
                .onCancelled(() -> {
                    lines.cancelled();
                    result.set(messages.get("setup.apply.cancelled"));
                })
                .onFinally(() -> {
                    if (!verifyFollows[0]) {
                        running.set(false);
                        done.run();
                    }
                }));
    }

    /** The verification of the path now live, read-only work (a cancel is seen within a second). */
    private void verify(PlanRun run, Verification verification, Runnable done) {
        progress.set(-1);
        result.set(messages.get("rotation.verify.running", ""));
        current = executor.run(Work.steps(p -> verification.verify(new VerifyListener() {
                    @Override
                    public void started(Layer layer, String check) {
                        p.update(-1, check);
                    }
                }, p::isCancelled))
                .mutating()
                .onProgress((fraction, check) -> result.set(messages.get("rotation.verify.running", check)))
                .onSuccess(report -> showVerification(run, report))
                .onFailure(t -> result.set(messages.get("rotation.verify.error", run.changed(), run.unchanged(),
                        ClientErrors.oneLine(t))))
                .onCancelled(() -> result.set(messages.get("rotation.verify.cancelled", run.changed(), run.unchanged())))
                .onFinally(() -> {
                    progress.set(1);
                    running.set(false);
                    done.run();
                }));
    }

    private void showVerification(PlanRun run, Optional<VerifyReport> report) {
        if (report.isEmpty()) {
            return;
        }
        VerifyReport r = report.get();
        verified.set(r);
        checks.setAll(r.checks());
        pipeline.set(r.pipeline().map(p -> messages.get("rotation.verify.pipeline", p.id(), p.status(), p.webUrl()))
                .orElse(""));
        String audit = run.auditFailures().isEmpty() ? ""
                : " " + messages.get("setup.apply.auditFailed", run.auditFailures().size());
        if (r.passed()) {
            result.set(messages.get("rotation.verify.passed", run.changed(), run.unchanged(), r.checks().size()) + audit);
        } else if (r.cancelled()) {
            result.set(messages.get("rotation.verify.cancelled", run.changed(), run.unchanged()) + audit);
        } else {
            result.set(messages.get("rotation.verify.failed", run.changed(), run.unchanged(), explanation(r)) + audit);
        }
    }

    /** The first check that keeps the path from passing: its name, its evidence and its finding. */
    static String explanation(VerifyReport r) {
        return r.failed().stream().findFirst().map(c -> c.name() + ": " + c.detail() + c.findings().stream().findFirst()
                        .map(f -> " (" + f.code() + ": " + f.message().replaceAll("\\.$", "") + ")").orElse(""))
                .orElse(r.mode().layers().stream().filter(l -> r.checks().stream().noneMatch(c -> c.layer() == l))
                        .map(l -> l.wireName() + ": did not run").findFirst().orElse(""));
    }

    /** Stops between steps: the step under way finishes, the rest are skipped. */
    public void cancel() {
        current.cancel();
    }

    private void finish(PlanRun run) {
        lines.finish(run);
        if (run.cancelled()) {
            result.set(messages.get("setup.apply.cancelledAfter", run.results().size(), lines.lines().size()));
        } else if (run.failure().isPresent()) {
            result.set(messages.get("rotation.run.failed", ClientErrors.oneLine(run.failure().get())));
        } else {
            progress.set(1);
            String done = messages.get("rotation.run.done", run.changed(), run.unchanged());
            result.set(run.auditFailures().isEmpty() ? done
                    : done + " " + messages.get("setup.apply.auditFailed", run.auditFailures().size()));
        }
    }

    public ObservableList<StepLines.Line> lines() {
        return lines.lines();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The checks of the last verification, in the order they ran (empty until one ran). */
    public ObservableList<CheckResult> checks() {
        return checks;
    }

    /** The last verification's report, or null (none yet, the phase failed, or retire). */
    public ReadOnlyObjectProperty<VerifyReport> verifiedProperty() {
        return verified.getReadOnlyProperty();
    }

    /** The pipeline the last verification ran: id, status and web page; empty when none ran. */
    public ReadOnlyStringProperty pipelineProperty() {
        return pipeline.getReadOnlyProperty();
    }
}
