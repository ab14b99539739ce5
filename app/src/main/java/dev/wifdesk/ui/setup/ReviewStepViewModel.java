package dev.wifdesk.ui.setup;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 7, Review: the whole spec validated, then planned against what exists (reads only): each
 * step with its field diffs and gcloud equivalent, the security lint, or "no changes". Nothing is
 * changed here; Apply is the confirmation.
 */
public final class ReviewStepViewModel extends StepModel {
    private final SetupService service;
    private final UiExecutor executor;
    private final ObservableList<SetupReview.Row> steps = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper noChanges = new ReadOnlyBooleanWrapper(false);

    public ReviewStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages,
                               SetupService service, UiExecutor executor) {
        super(state, validator, messages);
        this.service = service;
        this.executor = executor;
    }

    @Override
    protected void loadFields() {
        showReview();
    }

    @Override
    protected void entered() {
        if (state.review().isEmpty() && problems().isEmpty()) {
            plan();
        }
    }

    /** Plans the spec in the background (it reads only). */
    public void plan() {
        var connection = state.connection();
        var gitlab = state.gitlab();
        if (connection.isEmpty() || gitlab.isEmpty() || busy.get()) {
            return;
        }
        FederationSpec spec = state.spec();
        busy.set(true);
        status.set(messages.get("setup.review.planning"));
        executor.run(Work.of(() -> service.review(connection.get(), gitlab.get(), spec))
                .boundTo(state::spec)
                .onSuccess(r -> {
                    state.setReview(r);
                    showReview();
                })
                .onFailure(t -> status.set(messages.get("setup.review.failed", ClientErrors.oneLine(t))))
                .onFinally(() -> {
                    busy.set(false);
                    validate();
                }));
    }

    private void showReview() {
        var r = state.review();
        steps.setAll(r.map(SetupReview::steps).orElse(List.of()));
        findings.setAll(r.map(SetupReview::findings).orElse(List.of()));
        noChanges.set(r.map(SetupReview::noChanges).orElse(false));
        status.set(r.map(x -> x.noChanges() ? messages.get("setup.review.noChanges")
                : messages.get("setup.review.changes", x.changes())).orElse(""));
    }

    @Override
    protected FederationSpec candidate() {
        return state.spec();
    }

    /** The whole spec: every rule plan runs. */
    @Override
    protected List<String> fieldPrefixes() {
        return List.of("");
    }

    @Override
    protected boolean ready() {
        return state.review().isPresent() && !busy.get();
    }

    /** True when there is a reviewed plan with something to change: Apply is offered. */
    public boolean canApply() {
        return validProperty().get() && !noChanges.get();
    }

    public ObservableList<SetupReview.Row> steps() {
        return steps;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty noChangesProperty() {
        return noChanges.getReadOnlyProperty();
    }
}
