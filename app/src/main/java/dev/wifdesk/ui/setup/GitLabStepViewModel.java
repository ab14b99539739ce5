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
    // the Dataflow template the verification job launches (spec section dataflow:)
    final StringProperty region = new SimpleStringProperty("");
    final StringProperty template = new SimpleStringProperty("");
    final StringProperty tempLocation = new SimpleStringProperty("");
    final StringProperty parameters = new SimpleStringProperty("");
    static final String SAMPLE_REGION = "europe-west1";
    static final String SAMPLE_TEMPLATE = "gs://dataflow-templates-europe-west1/latest/Word_Count";
    static final String SAMPLE_INPUT = "inputFile=gs://dataflow-samples/shakespeare/kinglear.txt";

    public GitLabStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages) {
        super(state, validator, messages);
        revalidateOn(project, ref, protectedVariables, scope, state.verificationJobProperty(), region, template,
                tempLocation, parameters);
    }

    private final javafx.beans.property.ReadOnlyStringWrapper snippet = new javafx.beans.property.ReadOnlyStringWrapper("");

    @Override
    protected void loadFields() {
        FederationSpec.GitLab g = state.spec().gitlab().orElse(new FederationSpec.GitLab(null, null, null, null));
        project.set(g.project() == null ? "" : g.project());
        ref.set(g.ref());
        protectedVariables.set(g.variables().protectedOnly());
        scope.set(g.variables().environmentScope());
        loadDataflow();
        state.verificationJobProperty().set(java.util.Arrays.stream(SetupWizardState.VerificationJob.values())
                .filter(j -> j.wireName().equals(g.verificationJob())).findFirst()
                .orElse(SetupWizardState.VerificationJob.MERGE_REQUEST));
    }

    /** The spec's Dataflow section, or Google's public Word_Count sample (on the sandbox with its bucket too). */
    private void loadDataflow() {
        var d = state.spec().dataflow();
        boolean sandbox = state.connection().flatMap(dev.wifdesk.ui.connection.Connection::sandboxGitLab).isPresent();
        region.set(d.map(FederationSpec.Dataflow::region).orElse(SAMPLE_REGION));
        template.set(d.map(FederationSpec.Dataflow::template).orElse(SAMPLE_TEMPLATE));
        tempLocation.set(d.map(FederationSpec.Dataflow::tempLocation).orElse(sandbox ? "gs://acme-tmp/wifdesk/tmp" : ""));
        parameters.set(d.map(x -> x.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")))
                .orElse(sandbox ? SAMPLE_INPUT + ", output=gs://acme-tmp/wifdesk/out" : SAMPLE_INPUT));
    }

    @Override
    protected FederationSpec candidate() {
        String url = state.spec().gitlab().map(FederationSpec.GitLab::url).orElse(null);
        FederationSpec withGitLab = SpecEdits.gitlab(state.spec(), new FederationSpec.GitLab(url, project.get().strip(),
                ref.get().strip(), new FederationSpec.Variables(protectedVariables.get(), scope.get().strip()),
                state.verificationJobProperty().get().wireName()));
        boolean none = java.util.stream.Stream.of(region, template, tempLocation, parameters)
                .allMatch(p -> p.get().isBlank());
        return SpecEdits.dataflow(withGitLab, none ? java.util.Optional.empty()
                : java.util.Optional.of(new FederationSpec.Dataflow(blankToNull(region), blankToNull(template),
                        parameterMap(), blankToNull(tempLocation))));
    }

    private static String blankToNull(StringProperty p) {
        return p.get().isBlank() ? null : p.get().strip();
    }

    /** {@code k=v, k=v}; entries that are not KEY=VALUE are left out (and named by {@link #ownProblems()}). */
    private java.util.Map<String, String> parameterMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String entry : parameters.get().split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                m.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
        }
        return m;
    }

    @Override
    protected List<String> fieldPrefixes() {
        return List.of("gitlab", "dataflow");
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
        return java.util.Arrays.stream(parameters.get().split(",")).map(String::strip)
                .filter(e -> !e.isEmpty() && e.indexOf('=') <= 0)
                .map(e -> messages.get("setup.gitlab.dataflow.badParameter", e)).toList();
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

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty templateProperty() {
        return template;
    }

    public StringProperty tempLocationProperty() {
        return tempLocation;
    }

    public StringProperty parametersProperty() {
        return parameters;
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
