package dev.wifdesk.ui.main;

import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.Theme;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.core.ViewLoader;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
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
        // the switch, the target and the theme toggle never shrink; operator and projects give way
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {targetMenu, targetLabel, darkToggle}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        operatorLabel.textProperty().bind(viewModel.operatorTextProperty());
        projectsLabel.textProperty().bind(viewModel.projectsTextProperty());
        viewModel.statusProperty().addListener((obs, old, s) -> styleStatus(s));
        styleStatus(viewModel.statusProperty().get());
        viewModel.targetKindProperty().addListener((obs, old, kind) -> showTarget(kind));
        showTarget(viewModel.targetKindProperty().get());
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
        navigator.current().addListener((obs, old, view) -> showSection(view));
        darkToggle.selectedProperty().addListener((obs, old, dark) -> Theme.apply(darkToggle.getScene(), dark));
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
        Parent root = loaded.computeIfAbsent(view, v -> loader.get().load(v).root());
        contentHost.getChildren().setAll(root);
        navGroup.getToggles().forEach(t -> t.setSelected(((ToggleButton) t).getId().equals(view.navId())));
    }

    private void styleStatus(MainWindowViewModel.Status s) {
        targetLabel.getStyleClass().removeAll("status-connecting", "status-connected", "status-failed");
        targetLabel.getStyleClass().add("status-" + s.name().toLowerCase(java.util.Locale.ROOT));
    }
}
