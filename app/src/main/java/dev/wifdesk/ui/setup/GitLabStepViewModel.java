package dev.wifdesk.ui.setup;

import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.core.Messages;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 6, GitLab wiring: the project and ref, whether the variables are protected and their
 * environment scope, how the verification job reaches {@code .gitlab-ci.yml}, and the CI/CD
 * variables apply writes (from {@link SetupValues}, exactly the values apply uses).
 */
public final class GitLabStepViewModel extends StepModel {
    final StringProperty project = new SimpleStringProperty("");
    final StringProperty ref = new SimpleStringProperty("main");
    final BooleanProperty protectedVariables = new SimpleBooleanProperty(true);
    final StringProperty scope = new SimpleStringProperty("*");
    private final ObservableList<SetupValues.Variable> variables = FXCollections.observableArrayList();

    public GitLabStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages) {
        super(state, validator, messages);
        revalidateOn(project, ref, protectedVariables, scope, state.verificationJobProperty());
    }

    private final javafx.beans.property.ReadOnlyStringWrapper snippet = new javafx.beans.property.ReadOnlyStringWrapper("");

    @Override
    protected void loadFields() {
        FederationSpec.GitLab g = state.spec().gitlab().orElse(new FederationSpec.GitLab(null, null, null, null));
        project.set(g.project() == null ? "" : g.project());
        ref.set(g.ref());
        protectedVariables.set(g.variables().protectedOnly());
        scope.set(g.variables().environmentScope());
        state.verificationJobProperty().set(java.util.Arrays.stream(SetupWizardState.VerificationJob.values())
                .filter(j -> j.wireName().equals(g.verificationJob())).findFirst()
                .orElse(SetupWizardState.VerificationJob.MERGE_REQUEST));
    }

    @Override
    protected FederationSpec candidate() {
        String url = state.spec().gitlab().map(FederationSpec.GitLab::url).orElse(null);
        return SpecEdits.gitlab(state.spec(), new FederationSpec.GitLab(url, project.get().strip(), ref.get().strip(),
                new FederationSpec.Variables(protectedVariables.get(), scope.get().strip()),
                state.verificationJobProperty().get().wireName()));
    }

    @Override
    protected List<String> fieldPrefixes() {
        return List.of("gitlab");
    }

    @Override
    protected List<String> ownProblems() {
        // the table follows the fields: the values apply will write, when the spec is complete enough
        FederationSpec c = candidate();
        snippet.set(ref.get().isBlank() ? "" : VerificationJobYaml.jobs(ref.get().strip(),
                c.environments().stream().map(FederationSpec.Environment::name).toList()).values().stream()
                .collect(java.util.stream.Collectors.joining("\n")));
        variables.setAll(state.project().filter(p -> validator.problems(c).isEmpty())
                .map(p -> new SetupValues(c, p.projectNumber()).gitlabVariables()).orElse(List.of()));
        return List.of();
    }

    public StringProperty projectProperty() {
        return project;
    }

    public StringProperty refProperty() {
        return ref;
    }

    public BooleanProperty protectedVariablesProperty() {
        return protectedVariables;
    }

    public StringProperty scopeProperty() {
        return scope;
    }

    /** The verification job(s) apply edits into .gitlab-ci.yml (the text export --to gitlab-ci prints). */
    public javafx.beans.property.ReadOnlyStringProperty snippetProperty() {
        return snippet.getReadOnlyProperty();
    }

    public ObjectProperty<SetupWizardState.VerificationJob> verificationJobProperty() {
        return state.verificationJobProperty();
    }

    /** The CI/CD variables apply writes (empty until every step before is valid). */
    public ObservableList<SetupValues.Variable> variables() {
        return variables;
    }
}
