package dev.wifdesk.ui.setup;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.ui.common.StepLines;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.core.Work;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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

    private final SetupWizardState state;
    private final SetupService service;
    private final UiExecutor executor;
    private final Messages messages;
    private final Navigator navigator;
    private final StepLines lines;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper succeeded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mergeRequestUrl = new ReadOnlyStringWrapper("");
    private UiExecutor.Running current = UiExecutor.Running.DONE;
    /** Counts applies, so a read for an earlier one does not land on a later one (FX thread only). */
    private int runs;

    public ApplyStepViewModel(SetupWizardState state, SetupService service, UiExecutor executor, Messages messages,
                              Navigator navigator) {
        this.state = state;
        this.service = service;
        this.executor = executor;
        this.messages = messages;
        this.navigator = navigator;
        this.lines = new StepLines(messages);
    }

    /** Runs the reviewed plan; refused without one, or while a run is under way. */
    public void start() {
        var review = state.review();
        var connection = state.connection();
        var gitlab = state.gitlab();
        if (review.isEmpty() || connection.isEmpty() || gitlab.isEmpty() || running.get()) {
            return;
        }
        lines.reset(review.get().plan());
        running.set(true);
        succeeded.set(false);
        progress.set(0);
        mergeRequestUrl.set("");
        runs++;
        result.set(messages.get("setup.apply.running"));
        current = executor.run(Work.steps(p -> service.apply(connection.get(), gitlab.get(), review.get(),
                        lines.listener(p), p::isCancelled))
                .mutating()
                .onProgress((fraction, message) -> {
                    if (fraction >= 0) {
                        progress.set(fraction);
                    }
                    lines.drain();
                })
                .onSuccess(this::finish)
                .onFailure(this::fail)
                .onCancelled(() -> {
                    lines.cancelled();
                    result.set(messages.get("setup.apply.cancelled"));
                })
                .onFinally(() -> {
                    // what was applied is no longer the plan: going back re-plans from what exists
                    state.setReview(null);
                    running.set(false);
                }));
    }

    /** Stops between steps: the step under way finishes, the rest are skipped. */
    public void cancel() {
        current.cancel();
    }

    private void finish(PlanRun run) {
        lines.finish(run);
        if (run.cancelled()) {
            result.set(messages.get("setup.apply.cancelledAfter", run.results().size(), lines.lines().size()));
            return;
        }
        if (run.failure().isPresent()) {
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
        int run = runs;
        executor.run(Work.of(() -> service.mergeRequestUrl(gitlab.get(), spec))
                .onSuccess(url -> {
                    if (run == runs) { // not an earlier apply's answer, landing after a new one began
                        mergeRequestUrl.set(url.orElse(""));
                    }
                })
                .onFailure(t -> LOG.warn("Could not read the merge request: {}", ClientErrors.oneLine(t))));
    }

    private void fail(Throwable t) {
        String why = ClientErrors.oneLine(t);
        LOG.warn("Setup apply failed: {}", why);
        lines.failed(why);
        result.set(messages.get("setup.apply.failed", why));
    }

    /** Opens the Verify screen (after a successful apply). */
    public void verifyNow() {
        navigator.show(View.VERIFY);
    }

    public ObservableList<StepLines.Line> lines() {
        return lines.lines();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
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
