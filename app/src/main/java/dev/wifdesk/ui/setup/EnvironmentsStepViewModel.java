package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.core.Messages;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 4, Environments (optional): each GitLab environment gets its own service account that only
 * its jobs can impersonate (protected ones only when it says so). An empty list is valid.
 */
public final class EnvironmentsStepViewModel extends StepModel {
    private final ObservableList<FederationSpec.Environment> environments = FXCollections.observableArrayList();
    final StringProperty name = new SimpleStringProperty("");
    final StringProperty serviceAccount = new SimpleStringProperty("");
    final BooleanProperty protectedOnly = new SimpleBooleanProperty(false);

    public EnvironmentsStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages) {
        super(state, validator, messages);
        revalidateOn(environments);
    }

    @Override
    protected void loadFields() {
        environments.setAll(state.spec().environments());
    }

    /** Adds the environment typed in the form (its account defaults to the main one's id plus the name). */
    public void add() {
        String n = name.get().strip();
        if (n.isEmpty()) {
            return;
        }
        String sa = serviceAccount.get().isBlank() ? defaultAccount(n) : serviceAccount.get().strip();
        environments.add(new FederationSpec.Environment(n, new FederationSpec.ServiceAccount(sa, true),
                protectedOnly.get()));
        name.set("");
        serviceAccount.set("");
        protectedOnly.set(false);
    }

    public void remove(FederationSpec.Environment environment) {
        environments.remove(environment);
    }

    private String defaultAccount(String environment) {
        FederationSpec.ServiceAccount main = state.spec().gcp().serviceAccount();
        String base = main == null || main.id() == null ? "gitlab-dataflow" : main.id();
        String id = base + "-" + environment.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return id.length() > 30 ? id.substring(0, 30) : id;
    }

    @Override
    protected FederationSpec candidate() {
        return SpecEdits.environments(state.spec(), List.copyOf(environments));
    }

    @Override
    protected List<String> fieldPrefixes() {
        return List.of("environments");
    }

    public ObservableList<FederationSpec.Environment> environments() {
        return environments;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty serviceAccountProperty() {
        return serviceAccount;
    }

    public BooleanProperty protectedOnlyProperty() {
        return protectedOnly;
    }
}
