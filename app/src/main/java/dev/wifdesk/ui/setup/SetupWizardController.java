package dev.wifdesk.ui.setup;

import dev.wifdesk.ui.core.Disposable;
import dev.wifdesk.ui.core.Messages;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The wizard's frame: the step list, the current step's panel (each an {@code fx:include} with its
 * own controller, bound to its view model), the step's problems, Back / Next and Open / Save.
 * File dialogs ({@link FileDialogs}) run here on the FX thread; the view model reads and writes in
 * the background. On Review and Apply the export buttons write the spec's gcloud script, Terraform,
 * GitLab CI job or credential config.
 */
public final class SetupWizardController implements Disposable {
    private final SetupWizardViewModel vm;
    private final Messages messages;
    private final FileDialogs dialogs;
    private final Map<SetupStep, Node> panes = new EnumMap<>(SetupStep.class);
    private final Map<SetupStep, Label> stepLabels = new EnumMap<>(SetupStep.class);
    @FXML
    private VBox setupView;
    @FXML
    private HBox stepList;
    @FXML
    private Label problemsLabel;
    @FXML
    private Label fileStatusLabel;
    @FXML
    private Button backButton;
    @FXML
    private Button nextButton;
    @FXML
    private HBox exportBox;
    @FXML
    private Node connect;
    @FXML
    private Node project;
    @FXML
    private Node pool;
    @FXML
    private Node environments;
    @FXML
    private Node access;
    @FXML
    private Node gitlab;
    @FXML
    private Node review;
    @FXML
    private Node apply;
    @FXML
    private ConnectStepController connectController;
    @FXML
    private ProjectStepController projectController;
    @FXML
    private PoolProviderStepController poolController;
    @FXML
    private EnvironmentsStepController environmentsController;
    @FXML
    private AccessStepController accessController;
    @FXML
    private GitLabStepController gitlabController;
    @FXML
    private ReviewStepController reviewController;
    @FXML
    private ApplyStepController applyController;

    public SetupWizardController(SetupWizardViewModel vm, Messages messages) {
        this(vm, messages, new FxFileDialogs());
    }

    /** With the file dialogs to ask for paths with (TestFX tests give their own). */
    public SetupWizardController(SetupWizardViewModel vm, Messages messages, FileDialogs dialogs) {
        this.vm = vm;
        this.messages = messages;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        connectController.bind(vm.connect());
        projectController.bind(vm.project());
        poolController.bind(vm.pool());
        environmentsController.bind(vm.environments());
        accessController.bind(vm.access());
        gitlabController.bind(vm.gitlab());
        reviewController.bind(vm.review(), vm::applyReviewed);
        applyController.bind(vm.apply());
        Node[] nodes = {connect, project, pool, environments, access, gitlab, review, apply};
        for (SetupStep s : SetupStep.values()) {
            panes.put(s, nodes[s.ordinal()]);
            Label l = new Label(messages.get("setup.stepNumber", s.ordinal() + 1, messages.get(s.titleKey())));
            l.setId("step-" + s.paneId());
            l.getStyleClass().add("stage-badge");
            stepLabels.put(s, l);
            stepList.getChildren().add(l);
        }
        nextButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canGoNextProperty().get(),
                vm.canGoNextProperty()));
        vm.currentProperty().subscribe(this::show);
        fileStatusLabel.textProperty().bind(vm.fileStatusProperty());
        problemsLabel.visibleProperty().bind(problemsLabel.textProperty().isNotEmpty());
        problemsLabel.managedProperty().bind(problemsLabel.visibleProperty());
        vm.start();
    }

    private void show(SetupStep current) {
        panes.forEach((s, n) -> {
            n.setVisible(s == current);
            n.setManaged(s == current);
        });
        stepLabels.forEach((s, l) -> {
            l.getStyleClass().removeAll("section-title", "field-hint");
            l.getStyleClass().add(s == current ? "section-title" : "field-hint");
        });
        nextButton.setVisible(current.ordinal() < SetupStep.REVIEW.ordinal());
        // every step is valid by Review: the spec is whole, so it can be exported
        exportBox.setVisible(current.ordinal() >= SetupStep.REVIEW.ordinal());
        exportBox.setManaged(exportBox.isVisible());
        backButton.disableProperty().unbind();
        backButton.disableProperty().bind(vm.apply().runningProperty().or(
                Bindings.createBooleanBinding(() -> current == SetupStep.CONNECT)));
        problemsLabel.textProperty().unbind();
        StepModel m = vm.step(current);
        if (m == null) {
            problemsLabel.setText("");
        } else {
            problemsLabel.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", m.problems()),
                    m.problems()));
        }
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    @FXML
    private void onNext() {
        vm.next();
    }

    @FXML
    private void onBack() {
        vm.back();
    }

    @FXML
    private void onOpen() {
        dialogs.open(window(), specChoice(null)).ifPresent(vm::open);
    }

    @FXML
    private void onSave() {
        dialogs.save(window(), specChoice("wifdesk-spec.yaml")).ifPresent(vm::save);
    }

    @FXML
    private void onExportGcloud() {
        export("gcloud");
    }

    @FXML
    private void onExportTerraform() {
        export("terraform");
    }

    @FXML
    private void onExportGitLabCi() {
        export("gitlab-ci");
    }

    @FXML
    private void onExportCredConfig() {
        export("cred-config");
    }

    private void export(String target) {
        FileDialogs.Choice choice = new FileDialogs.Choice(messages.get("setup.export.chooserTitle", target),
                messages.get("setup.export.filter", target), SetupExports.patterns(target),
                SetupExports.FILE_NAMES.get(target));
        dialogs.save(window(), choice).ifPresent(file -> vm.export(target, file));
    }

    private javafx.stage.Window window() {
        return setupView.getScene().getWindow();
    }

    private FileDialogs.Choice specChoice(String initialName) {
        return new FileDialogs.Choice(messages.get("setup.file.chooserTitle"), messages.get("setup.file.filter"),
                java.util.List.of("*.yaml", "*.yml", "*.json"), initialName);
    }
}
