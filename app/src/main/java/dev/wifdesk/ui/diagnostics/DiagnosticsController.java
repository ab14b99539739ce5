package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.ui.core.Disposable;
import dev.wifdesk.ui.demo.DemoFederationDialog;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/**
 * The Diagnostics screen: hands the one view model (and its session) to its panels, each an
 * {@code fx:include} with its own controller (inputs, picker, run and live exchange, latest
 * failures, results and fixes), and shows the sandbox's demo offer.
 */
public final class DiagnosticsController implements Disposable {
    private final DiagnosticsViewModel viewModel;
    private final DemoFederationViewModel demo;
    private final DemoFederationDialog demoDialog;
    /** Listeners on what outlives this screen (the app-wide demo state), ended by dispose(). */
    private final List<Subscription> subscriptions = new ArrayList<>();

    @FXML
    private VBox demoBox;
    @FXML
    private Button demoButton;
    @FXML
    private ProgressIndicator demoBusyIndicator;
    @FXML
    private Label demoStatusLabel;
    @FXML
    private InputsController inputsController;
    @FXML
    private ProviderPickerController pickerController;
    @FXML
    private LiveExchangeController exchangeController;
    @FXML
    private LatestFailuresController failuresPaneController;
    @FXML
    private FindingsController resultsController;

    public DiagnosticsController(DiagnosticsViewModel viewModel, DemoFederationViewModel demo,
                                 DemoFederationDialog demoDialog) {
        this.viewModel = viewModel;
        this.demo = demo;
        this.demoDialog = demoDialog;
    }

    /** The screen is closed: its listeners on app-wide state end, and so do its view model's. */
    @Override
    public void dispose() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        viewModel.dispose();
    }

    @FXML
    private void initialize() {
        inputsController.bind(viewModel);
        pickerController.bind(viewModel);
        exchangeController.bind(viewModel);
        failuresPaneController.bind(viewModel.latestFailures());
        resultsController.bind(viewModel);
        bindDemoOffer();
        if (viewModel.providers().isEmpty()) {
            viewModel.loadProviders();
        }
        if (viewModel.serviceAccounts().isEmpty()) {
            viewModel.loadServiceAccounts();
        }
    }

    /** Sandbox only: the demo offer while the project has no provider (and while it runs or has something to say). */
    private void bindDemoOffer() {
        var offered = demo.availableProperty().and(viewModel.providersLoadedProperty())
                .and(Bindings.isEmpty(viewModel.providers()));
        demoBox.visibleProperty().bind(offered.or(demo.busyProperty())
                .or(demo.availableProperty().and(demo.statusProperty().isNotEmpty())));
        demoBox.managedProperty().bind(demoBox.visibleProperty());
        demoButton.disableProperty().bind(demo.busyProperty());
        demoBusyIndicator.visibleProperty().bind(demo.busyProperty());
        demoStatusLabel.textProperty().bind(demo.statusProperty());
        demoStatusLabel.visibleProperty().bind(demo.statusProperty().isNotEmpty());
        demoStatusLabel.managedProperty().bind(demoStatusLabel.visibleProperty());
        subscriptions.add(demo.completedProperty().subscribe((old, n) -> viewModel.reloadLive()));
    }

    @FXML
    private void onDemo() {
        demoDialog.confirmAndCreate(demoBox);
    }
}
