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

    public MainWindowController(MainWindowViewModel viewModel, Navigator navigator, Supplier<ViewLoader> loader) {
        this.viewModel = viewModel;
        this.navigator = navigator;
        this.loader = loader;
    }

    @FXML
    private void initialize() {
        targetLabel.textProperty().bind(viewModel.targetTextProperty());
        operatorLabel.textProperty().bind(viewModel.operatorTextProperty());
        projectsLabel.textProperty().bind(viewModel.projectsTextProperty());
        viewModel.statusProperty().addListener((obs, old, s) -> styleStatus(s));
        styleStatus(viewModel.statusProperty().get());
        viewModel.targetKindProperty().addListener((obs, old, kind) -> targetIcon.setIconCode(
                kind == Connection.TargetKind.SANDBOX ? MaterialDesignF.FLASK_OUTLINE : MaterialDesignC.CLOUD_OUTLINE));

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
        showSection(navigator.current().get());
        darkToggle.selectedProperty().addListener((obs, old, dark) -> Theme.apply(darkToggle.getScene(), dark));
    }

    /** Starts the start-up connection (called once the window is showing). */
    public void connect() {
        viewModel.connect();
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
