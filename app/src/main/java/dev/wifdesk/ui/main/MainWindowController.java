package dev.wifdesk.ui.main;

import dev.wifdesk.ui.core.Disposable;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.Theme;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.core.ViewLoader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.stage.WindowEvent;
import javafx.util.Subscription;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import dev.wifdesk.ui.demo.DemoFederationDialog;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import dev.wifdesk.ui.connection.Connection;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The shell: navigation buttons (one per section of {@link View}), connection bar, content area. */
public final class MainWindowController {
    private final MainWindowViewModel viewModel;
    private final Navigator navigator;
    private final Supplier<ViewLoader> loader;
    private final Map<View, Parent> loaded = new EnumMap<>(View.class);
    /** The loaded screens that follow app-wide state, disposed with the window. */
    private final List<Disposable> screens = new ArrayList<>();
    private final ToggleGroup navGroup = new ToggleGroup();

    @FXML
    private VBox navBox;
    @FXML
    private StackPane contentHost;
    @FXML
    private Label targetLabel;
    @FXML
    private Label operatorLabel;
    @FXML
    private Label projectsLabel;
    @FXML
    private ComboBox<Connection.ProjectInfo> projectCombo;
    @FXML
    private FontIcon targetIcon;
    @FXML
    private ToggleButton darkToggle;
    @FXML
    private MenuButton targetMenu;
    @FXML
    private RadioMenuItem targetGoogleItem;
    @FXML
    private RadioMenuItem targetSandboxItem;
    @FXML
    private SeparatorMenuItem demoSeparator;
    @FXML
    private MenuItem demoMenuItem;
    @FXML
    private Label switchErrorLabel;
    @FXML
    private ProgressIndicator switchIndicator;

    private final DemoFederationViewModel demo;
    private final DemoFederationDialog demoDialog;
    /** What this window follows in shared objects (the navigator, the connection): ended when it closes. */
    private Subscription subscriptions = Subscription.EMPTY;
    private boolean showingChoice;

    public MainWindowController(MainWindowViewModel viewModel, Navigator navigator, Supplier<ViewLoader> loader,
                                DemoFederationViewModel demo, DemoFederationDialog demoDialog) {
        this.viewModel = viewModel;
        this.navigator = navigator;
        this.loader = loader;
        this.demo = demo;
        this.demoDialog = demoDialog;
    }

    @FXML
    private void initialize() {
        targetLabel.textProperty().bind(viewModel.targetTextProperty());
        // the switch, the target, the project chooser and the theme toggle never shrink; the operator gives way
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {targetMenu, targetLabel, projectsLabel,
                projectCombo, darkToggle}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        operatorLabel.textProperty().bind(viewModel.operatorTextProperty());
        projectsLabel.textProperty().bind(viewModel.projectsTextProperty());
        initProjectChooser();
        viewModel.statusProperty().subscribe(this::styleStatus);
        viewModel.targetKindProperty().subscribe(this::showTarget);
        ToggleGroup targets = new ToggleGroup();
        targetGoogleItem.setToggleGroup(targets);
        targetSandboxItem.setToggleGroup(targets);
        targetMenu.disableProperty().bind(viewModel.switchingProperty());
        switchIndicator.visibleProperty().bind(viewModel.switchingProperty().or(
                viewModel.statusProperty().isEqualTo(MainWindowViewModel.Status.CONNECTING)));
        switchIndicator.managedProperty().bind(switchIndicator.visibleProperty());
        switchErrorLabel.textProperty().bind(viewModel.switchErrorProperty());
        switchErrorLabel.visibleProperty().bind(viewModel.switchErrorProperty().isNotEmpty());
        switchErrorLabel.managedProperty().bind(switchErrorLabel.visibleProperty());
        demoMenuItem.visibleProperty().bind(demo.availableProperty());
        demoMenuItem.disableProperty().bind(demo.busyProperty());
        demoSeparator.visibleProperty().bind(demo.availableProperty());

        for (View view : View.values()) {
            if (!view.isSection()) {
                continue;
            }
            ToggleButton button = new ToggleButton(loader.get().bundle().getString(view.navKey()));
            button.setId(view.navId());
            button.setGraphic(new FontIcon(view.glyph()));
            button.getStyleClass().add("nav-button");
            button.setMaxWidth(Double.MAX_VALUE);
            button.setToggleGroup(navGroup);
            button.setOnAction(e -> navigator.show(view));
            navBox.getChildren().add(button);
        }
        // changes only: the first section is shown by showCurrentSection() once the window is up
        subscriptions = subscriptions.and(navigator.current().subscribe((old, view) -> showSection(view)));
        darkToggle.selectedProperty().addListener((obs, old, dark) -> Theme.apply(darkToggle.getScene(), dark));
        // the navigator and the connection outlive this window (tests open several): let go when it closes
        contentHost.sceneProperty().subscribe(scene -> {
            if (scene != null) {
                scene.windowProperty().subscribe(w -> {
                    if (w != null) {
                        w.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> dispose());
                    }
                });
            }
        });
    }

    /** The visible projects, the chosen one selected; a choice goes to the view model (no I/O). */
    private void initProjectChooser() {
        projectsLabel.setLabelFor(projectCombo);
        projectCombo.setItems(viewModel.projects());
        projectCombo.setButtonCell(projectCell());
        projectCombo.setCellFactory(list -> projectCell());
        projectCombo.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.projects()));
        projectCombo.managedProperty().bind(projectCombo.visibleProperty());
        projectCombo.disableProperty().bind(viewModel.switchingProperty());
        viewModel.chosenProjectProperty().subscribe(p -> {
            showingChoice = true;
            projectCombo.setValue(p);
            showingChoice = false;
        });
        projectCombo.valueProperty().addListener((obs, old, p) -> {
            if (!showingChoice && p != null) {
                viewModel.chooseProject(p);
            }
        });
    }

    private static ListCell<Connection.ProjectInfo> projectCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Connection.ProjectInfo p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? "" : p.describe());
            }
        };
    }

    /** Ends what this window follows in shared objects; the view models let go of the connection. */
    public void dispose() {
        subscriptions.unsubscribe();
        subscriptions = Subscription.EMPTY;
        viewModel.dispose();
        // the demo state is the window's (shared by its bar and its Diagnostics screen)
        demo.dispose();
        screens.forEach(Disposable::dispose);
        screens.clear();
    }

    /**
     * Shows the navigator's current section. Not done in {@code initialize}: at start-up the first
     * (and heaviest) section is built once the window's first frame is up (see {@code ui.MainWindow}).
     */
    public void showCurrentSection() {
        showSection(navigator.current().get());
    }

    /** Starts the start-up connection (called once the window is showing). */
    public void connect() {
        viewModel.connect();
    }

    /** The menu's radio items follow the connected target (and snap back when a switch fails). */
    private void showTarget(Connection.TargetKind kind) {
        targetIcon.setIconCode(kind == Connection.TargetKind.SANDBOX ? MaterialDesignF.FLASK_OUTLINE : MaterialDesignC.CLOUD_OUTLINE);
        targetGoogleItem.setSelected(kind == Connection.TargetKind.GOOGLE_CLOUD);
        targetSandboxItem.setSelected(kind == Connection.TargetKind.SANDBOX);
    }

    @FXML
    private void onSwitchToGoogle() {
        showTarget(viewModel.targetKindProperty().get());
        viewModel.switchTo(Connection.TargetKind.GOOGLE_CLOUD);
    }

    @FXML
    private void onSwitchToSandbox() {
        showTarget(viewModel.targetKindProperty().get());
        viewModel.switchTo(Connection.TargetKind.SANDBOX);
    }

    /** The demo lives on Diagnostics (its lists refresh there): go there, then show the plan. */
    @FXML
    private void onDemo() {
        navigator.show(View.DIAGNOSTICS);
        demoDialog.confirmAndCreate(contentHost);
    }

    private void showSection(View view) {
        Parent root = loaded.computeIfAbsent(view, v -> {
            ViewLoader.Loaded<Object> screen = loader.get().load(v);
            if (screen.controller() instanceof Disposable d) {
                screens.add(d);
            }
            return screen.root();
        });
        contentHost.getChildren().setAll(root);
        navGroup.getToggles().forEach(t -> t.setSelected(((ToggleButton) t).getId().equals(view.navId())));
    }

    private void styleStatus(MainWindowViewModel.Status s) {
        targetLabel.getStyleClass().removeAll("status-connecting", "status-connected", "status-failed");
        targetLabel.getStyleClass().add("status-" + s.name().toLowerCase(java.util.Locale.ROOT));
    }
}
