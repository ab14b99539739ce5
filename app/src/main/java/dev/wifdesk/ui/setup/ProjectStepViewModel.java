package dev.wifdesk.ui.setup;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 2, Project: the connection bar's project, its number (looked up) and the required APIs
 * that are not enabled yet (apply enables them). Valid once the lookup succeeded.
 */
public final class ProjectStepViewModel extends StepModel {
    private final SetupService service;
    private final UiExecutor executor;
    private final ReadOnlyStringWrapper projectId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper number = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> missing = FXCollections.observableArrayList();

    public ProjectStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages,
                                SetupService service, UiExecutor executor) {
        super(state, validator, messages);
        this.service = service;
        this.executor = executor;
    }

    @Override
    protected void loadFields() {
        projectId.set(state.connection().flatMap(Connection::project).map(Connection.ProjectInfo::projectId)
                .orElse(Objects.requireNonNullElse(state.spec().gcp().project(), "")));
        boolean known = state.project().filter(p -> p.projectId().equals(projectId.get())).isPresent();
        if (!known) {
            state.setProject(null);
            number.set("");
            missing.clear();
        }
    }

    @Override
    protected void entered() {
        if (state.project().isEmpty() && !projectId.get().isEmpty()) {
            lookUp();
        } else {
            state.project().ifPresent(this::show);
        }
    }

    /** Reads the number and the enabled services in the background. */
    public void lookUp() {
        var connection = state.connection();
        if (connection.isEmpty() || busy.get()) {
            return;
        }
        String id = projectId.get();
        busy.set(true);
        status.set(messages.get("setup.project.reading", id));
        executor.run(Work.of(() -> service.project(connection.get(), id))
                .onSuccess(p -> {
                    state.setProject(p);
                    show(p);
                })
                .onFailure(t -> status.set(messages.get("setup.project.failed", ClientErrors.oneLine(t))))
                .onFinally(() -> {
                    busy.set(false);
                    validate();
                }));
    }

    private void show(ProjectSummary p) {
        number.set(p.projectNumber());
        missing.setAll(p.missingServices());
        status.set(p.missingServices().isEmpty() ? messages.get("setup.project.allEnabled")
                : messages.get("setup.project.willEnable", p.missingServices().size()));
    }

    @Override
    protected FederationSpec candidate() {
        return SpecEdits.project(state.spec(), projectId.get());
    }

    @Override
    protected List<String> fieldPrefixes() {
        return List.of("gcp.project");
    }

    @Override
    protected boolean ready() {
        return state.project().isPresent();
    }

    public ReadOnlyStringProperty projectIdProperty() {
        return projectId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty numberProperty() {
        return number.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The required APIs the project has not enabled: apply enables them. */
    public ObservableList<String> missingServices() {
        return missing;
    }
}
