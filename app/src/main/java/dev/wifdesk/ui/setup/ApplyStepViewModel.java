package dev.wifdesk.ui.setup;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.StepResult;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.core.Work;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 8, Apply: runs exactly the reviewed plan as mutating work (a cancel stops it between
 * steps, never mid-call), shows each step's progress and result (done, unchanged, failed with the
 * one-line reason, skipped), and offers "Verify now".
 */
public final class ApplyStepViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyStepViewModel.class);

    /** Where a step of the run is. */
    public enum Status { PENDING, RUNNING, DONE, UNCHANGED, FAILED, SKIPPED }

    /** One step's line in the progress list. */
    public record Line(String id, String resource, Status status, String detail) {
        Line with(Status s, String d) {
            return new Line(id, resource, s, d);
        }
    }

    /** A listener event from the worker, applied to the list on the handler thread. */
    private record Event(String startedId, StepResult result) {
    }

    private final SetupWizardState state;
    private final SetupService service;
    private final UiExecutor executor;
    private final Messages messages;
    private final Navigator navigator;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper succeeded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mergeRequestUrl = new ReadOnlyStringWrapper("");
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private UiExecutor.Running current = UiExecutor.Running.DONE;

    public ApplyStepViewModel(SetupWizardState state, SetupService service, UiExecutor executor, Messages messages,
                              Navigator navigator) {
        this.state = state;
        this.service = service;
        this.executor = executor;
        this.messages = messages;
        this.navigator = navigator;
    }

    /** Runs the reviewed plan; refused without one, or while a run is under way. */
    public void start() {
        var review = state.review();
        var connection = state.connection();
        var gitlab = state.gitlab();
        if (review.isEmpty() || connection.isEmpty() || gitlab.isEmpty() || running.get()) {
            return;
        }
        lines.setAll(review.get().plan().steps().stream()
                .map(s -> new Line(s.id(), s.resource(), Status.PENDING, "")).toList());
        running.set(true);
        finished.set(false);
        succeeded.set(false);
        progress.set(0);
        mergeRequestUrl.set("");
        result.set(messages.get("setup.apply.running"));
        events.clear();
        current = executor.run(Work.steps(p -> service.apply(connection.get(), gitlab.get(), review.get(),
                        listener(p), p::isCancelled))
                .mutating()
                .onProgress((fraction, message) -> {
                    if (fraction >= 0) {
                        progress.set(fraction);
                    }
                    drain();
                })
                .onSuccess(this::finish)
                .onFailure(this::fail)
                .onCancelled(() -> {
                    drain();
                    skipTheRest(Status.PENDING, Status.RUNNING);
                    result.set(messages.get("setup.apply.cancelled"));
                })
                .onFinally(() -> {
                    // what was applied is no longer the plan: going back re-plans from what exists
                    state.setReview(null);
                    running.set(false);
                    finished.set(true);
                }));
    }

    private PlanExecutor.Listener listener(Work.Progress p) {
        return new PlanExecutor.Listener() {
            @Override
            public void starting(int index, int total, Step step) {
                events.add(new Event(step.id(), null));
                p.update((double) index / total, step.id());
            }

            @Override
            public void finished(StepResult r) {
                events.add(new Event(null, r));
                p.update(-1, r.step().id());
            }
        };
    }

    private void drain() {
        for (Event e = events.poll(); e != null; e = events.poll()) {
            if (e.result() == null) {
                set(indexOf(e.startedId()), Status.RUNNING, "");
            } else {
                show(e.result());
            }
        }
    }

    /** Stops between steps: the step under way finishes, the rest are skipped. */
    public void cancel() {
        current.cancel();
    }

    private void show(StepResult r) {
        int i = indexOf(r.step().id());
        if (r.failed()) {
            set(i, Status.FAILED, ClientErrors.oneLine(r.error().orElseThrow()));
        } else {
            set(i, r.changed() ? Status.DONE : Status.UNCHANGED,
                    messages.get("setup.apply.outcome." + r.outcome().name()));
        }
    }

    private void finish(PlanRun run) {
        drain();
        run.results().forEach(this::show);
        run.skipped().forEach(s -> set(indexOf(s.id()), Status.SKIPPED, messages.get("setup.apply.skipped")));
        if (run.cancelled()) {
            skipTheRest(Status.PENDING, Status.RUNNING);
            result.set(messages.get("setup.apply.cancelledAfter", run.results().size(), lines.size()));
            return;
        }
        if (run.failure().isPresent()) {
            skipTheRest(Status.PENDING);
            result.set(messages.get("setup.apply.failed", ClientErrors.oneLine(run.failure().get())));
            return;
        }
        progress.set(1);
        succeeded.set(true);
        String done = messages.get("setup.apply.done", run.changed(), run.unchanged());
        result.set(run.auditFailures().isEmpty() ? done
                : done + " " + messages.get("setup.apply.auditFailed", run.auditFailures().size()));
        showMergeRequest();
    }

    /** The merge request that carries the verification job, for the user to merge (a read, in the background). */
    private void showMergeRequest() {
        var gitlab = state.gitlab();
        if (gitlab.isEmpty()) {
            return;
        }
        var spec = state.spec();
        executor.run(Work.of(() -> service.mergeRequestUrl(gitlab.get(), spec))
                .onSuccess(url -> mergeRequestUrl.set(url.orElse("")))
                .onFailure(t -> LOG.warn("Could not read the merge request: {}", ClientErrors.oneLine(t))));
    }

    private void fail(Throwable t) {
        drain();
        String why = ClientErrors.oneLine(t);
        LOG.warn("Setup apply failed: {}", why);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).status() == Status.RUNNING) {
                set(i, Status.FAILED, why);
            }
        }
        skipTheRest(Status.PENDING);
        result.set(messages.get("setup.apply.failed", why));
    }

    private void skipTheRest(Status... which) {
        java.util.Set<Status> s = java.util.Set.of(which);
        for (int i = 0; i < lines.size(); i++) {
            if (s.contains(lines.get(i).status())) {
                set(i, Status.SKIPPED, messages.get("setup.apply.skipped"));
            }
        }
    }

    private int indexOf(String id) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private void set(int i, Status status, String detail) {
        if (i >= 0 && i < lines.size()) {
            lines.set(i, lines.get(i).with(status, detail));
        }
    }

    /** Opens the Verify screen (after a successful apply). */
    public void verifyNow() {
        navigator.show(View.VERIFY);
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty succeededProperty() {
        return succeeded.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The open merge request's web URL after a successful apply; empty when the spec makes none. */
    public ReadOnlyStringProperty mergeRequestUrlProperty() {
        return mergeRequestUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }
}
