package dev.wifdesk.ui.setup;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.export.ExportFile;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.model.SpecWriter;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The wizard: its state, its steps, and navigation in this one place. "Next" stores the current
 * step and loads the next; it is enabled by the current step's validity. Review has no "Next":
 * its Apply is the confirmation. Open and Save read and write the state's spec as the spec file
 * the CLI takes (disk I/O in a Work); the export buttons write what {@code wifdesk export} writes.
 */
public final class SetupWizardViewModel {
    private final SetupWizardState state;
    private final UiExecutor executor;
    private final Messages messages;
    private final SpecParser parser;
    private final SpecWriter writer = new SpecWriter();
    private final Map<SetupStep, StepModel> steps = new EnumMap<>(SetupStep.class);
    private final ApplyStepViewModel apply;
    private final ReadOnlyObjectWrapper<SetupStep> current = new ReadOnlyObjectWrapper<>(SetupStep.CONNECT);
    private final ReadOnlyStringWrapper fileStatus = new ReadOnlyStringWrapper("");
    private final BooleanBinding canGoNext;
    private javafx.util.Subscription followTarget = javafx.util.Subscription.EMPTY;

    /** The step view models, built by the feature with their services. */
    public record Steps(ConnectStepViewModel connect, ProjectStepViewModel project, PoolProviderStepViewModel pool,
                        EnvironmentsStepViewModel environments, AccessStepViewModel access, GitLabStepViewModel gitlab,
                        ReviewStepViewModel review, ApplyStepViewModel apply) {
    }

    public SetupWizardViewModel(SetupWizardState state, Steps s, SpecParser parser, UiExecutor executor,
                                Messages messages) {
        this.state = state;
        this.parser = parser;
        this.executor = executor;
        this.messages = messages;
        steps.put(SetupStep.CONNECT, s.connect());
        steps.put(SetupStep.PROJECT, s.project());
        steps.put(SetupStep.POOL_PROVIDER, s.pool());
        steps.put(SetupStep.ENVIRONMENTS, s.environments());
        steps.put(SetupStep.ACCESS, s.access());
        steps.put(SetupStep.GITLAB, s.gitlab());
        steps.put(SetupStep.REVIEW, s.review());
        this.apply = s.apply();
        canGoNext = Bindings.createBooleanBinding(() -> {
            StepModel m = steps.get(current.get());
            return m != null && current.get().ordinal() < SetupStep.REVIEW.ordinal() && m.validProperty().get();
        }, current, s.connect().validProperty(), s.project().validProperty(), s.pool().validProperty(),
                s.environments().validProperty(), s.access().validProperty(), s.gitlab().validProperty());
    }

    /** The wizard over a fresh state, each step with its services and the spec rules plan runs. */
    public static SetupWizardViewModel create(SetupService service, dev.wifdesk.ui.connection.ConnectionState connection,
                                              dev.wifdesk.ui.core.Navigator navigator, UiExecutor executor,
                                              Messages messages, dev.wifdesk.cel.CelEngine cel) {
        return create(new SetupWizardState(), service, connection, navigator, executor, messages, cel);
    }

    /** The wizard over {@code state}, which other screens may read (the Verify screen verifies its spec). */
    public static SetupWizardViewModel create(SetupWizardState state, SetupService service,
                                              dev.wifdesk.ui.connection.ConnectionState connection,
                                              dev.wifdesk.ui.core.Navigator navigator, UiExecutor executor,
                                              Messages messages, dev.wifdesk.cel.CelEngine cel) {
        return create(state, service, connection, navigator, executor, messages, cel,
                new dev.wifdesk.gitlab.InMemoryTokenVault());
    }

    /** ... with the vault the Connect step's "Remember the token" keeps the GitLab token in (the app: the OS keyring). */
    public static SetupWizardViewModel create(SetupWizardState state, SetupService service,
                                              dev.wifdesk.ui.connection.ConnectionState connection,
                                              dev.wifdesk.ui.core.Navigator navigator, UiExecutor executor,
                                              Messages messages, dev.wifdesk.cel.CelEngine cel,
                                              dev.wifdesk.gitlab.TokenVault vault) {
        dev.wifdesk.model.SpecValidator validator = new dev.wifdesk.model.SpecValidator(cel);
        SetupWizardViewModel vm = new SetupWizardViewModel(state, new Steps(
                new ConnectStepViewModel(state, validator, messages, connection, vault, executor),
                new ProjectStepViewModel(state, validator, messages, service, executor),
                new PoolProviderStepViewModel(state, validator, messages, service, executor,
                        new dev.wifdesk.cel.FederationEvaluator(cel)),
                new EnvironmentsStepViewModel(state, validator, messages),
                new AccessStepViewModel(state, validator, messages),
                new GitLabStepViewModel(state, validator, messages),
                new ReviewStepViewModel(state, validator, messages, service, executor),
                new ApplyStepViewModel(state, service, executor, messages, navigator)),
                new SpecParser(validator), executor, messages);
        vm.followTarget = connection.connectionProperty().subscribe((was, now) -> vm.targetChanged());
        return vm;
    }

    /**
     * Another target or project in the connection bar: what was read on the old one (project facts,
     * the reviewed plan) no longer holds, so the wizard goes back to Connect; the spec gathered so
     * far is kept. A running apply is left to finish on its own target.
     */
    void targetChanged() {
        if (apply.runningProperty().get()) {
            return;
        }
        state.setProject(null);
        state.setReview(null);
        go(SetupStep.CONNECT);
    }

    /** Stops following the connection (the window closes). */
    public void dispose() {
        followTarget.unsubscribe();
    }

    /** The wizard is shown: the current step reads the state (and the connection) again. */
    public void start() {
        load(current.get());
    }

    public void next() {
        if (!canGoNext.get()) {
            return;
        }
        steps.get(current.get()).storeAndConfirm();
        go(SetupStep.values()[current.get().ordinal() + 1]);
    }

    public void back() {
        SetupStep now = current.get();
        if (now.ordinal() == 0 || apply.runningProperty().get()) {
            return;
        }
        storeCurrent();
        go(SetupStep.values()[now.ordinal() - 1]);
    }

    /** Review's Apply: the confirmation. Runs exactly the plan shown. */
    public void applyReviewed() {
        if (current.get() != SetupStep.REVIEW || !review().canApply()) {
            return;
        }
        current.set(SetupStep.APPLY);
        apply.start();
    }

    /** The current step's fields into the spec (Review and Apply have none of their own). */
    private void storeCurrent() {
        StepModel m = steps.get(current.get());
        if (m != null && current.get() != SetupStep.REVIEW) {
            m.store();
        }
    }

    private void go(SetupStep step) {
        current.set(step);
        load(step);
    }

    private void load(SetupStep step) {
        StepModel m = steps.get(step);
        if (m != null) {
            m.load();
        }
    }

    /** Reads a spec file (structure only, so an unfinished one opens too) and starts over from Connect. */
    public void open(Path file) {
        fileStatus.set(messages.get("setup.file.opening", file.getFileName()));
        executor.run(Work.of(() -> parser.read(file.getFileName().toString(), Files.readAllBytes(file)))
                .onSuccess(r -> {
                    if (r.spec() == null || !r.problems().isEmpty()) {
                        fileStatus.set(messages.get("setup.file.openProblems", file.getFileName(),
                                r.problems().stream().map(SpecProblem::message).collect(Collectors.joining("; "))));
                        return;
                    }
                    state.setSpec(r.spec());
                    state.setProject(null);
                    fileStatus.set(messages.get("setup.file.opened", file.getFileName()));
                    go(SetupStep.CONNECT);
                })
                .onFailure(t -> fileStatus.set(messages.get("setup.file.failed", ClientErrors.oneLine(t)))));
    }

    /** Writes the spec as gathered so far (the current step's fields included) as YAML. */
    public void save(Path file) {
        storeCurrent();
        String yaml = writer.write(state.spec());
        executor.run(Work.of(() -> Files.write(file, yaml.getBytes(StandardCharsets.UTF_8)))
                .onSuccess(p -> fileStatus.set(messages.get("setup.file.saved", file.getFileName())))
                .onFailure(t -> fileStatus.set(messages.get("setup.file.failed", ClientErrors.oneLine(t)))));
    }

    /**
     * Writes the export of {@code target} (gcloud, terraform, gitlab-ci, cred-config) of the spec as
     * gathered so far into {@code file}: the text {@code wifdesk export --to TARGET} prints for it,
     * written as its {@code --out} writes (in a Work). It never holds the GitLab token.
     */
    public void export(String target, Path file) {
        FederationSpec spec = state.spec();
        java.util.Optional<String> number = state.project().map(ProjectSummary::projectNumber);
        fileStatus.set(messages.get("setup.export.writing", file.getFileName()));
        executor.run(Work.of(() -> {
            ExportFile.write(file, target, SetupExports.text(target, spec, number));
            return file;
        })
                .onSuccess(p -> fileStatus.set(messages.get("setup.export.saved", target, file)))
                .onFailure(t -> fileStatus.set(messages.get("setup.export.failed", target, file,
                        ClientErrors.oneLine(t)))));
    }

    public ReadOnlyObjectProperty<SetupStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ObservableBooleanValue canGoNextProperty() {
        return canGoNext;
    }

    public ReadOnlyStringProperty fileStatusProperty() {
        return fileStatus.getReadOnlyProperty();
    }

    public SetupWizardState state() {
        return state;
    }

    public FederationSpec spec() {
        return state.spec();
    }

    public StepModel step(SetupStep step) {
        return steps.get(step);
    }

    public ConnectStepViewModel connect() {
        return (ConnectStepViewModel) steps.get(SetupStep.CONNECT);
    }

    public ProjectStepViewModel project() {
        return (ProjectStepViewModel) steps.get(SetupStep.PROJECT);
    }

    public PoolProviderStepViewModel pool() {
        return (PoolProviderStepViewModel) steps.get(SetupStep.POOL_PROVIDER);
    }

    public EnvironmentsStepViewModel environments() {
        return (EnvironmentsStepViewModel) steps.get(SetupStep.ENVIRONMENTS);
    }

    public AccessStepViewModel access() {
        return (AccessStepViewModel) steps.get(SetupStep.ACCESS);
    }

    public GitLabStepViewModel gitlab() {
        return (GitLabStepViewModel) steps.get(SetupStep.GITLAB);
    }

    public ReviewStepViewModel review() {
        return (ReviewStepViewModel) steps.get(SetupStep.REVIEW);
    }

    public ApplyStepViewModel apply() {
        return apply;
    }
}
