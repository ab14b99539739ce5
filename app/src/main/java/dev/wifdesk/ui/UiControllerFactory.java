package dev.wifdesk.ui;

import dev.wifdesk.ui.core.ViewLoader;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.diagnose.fix.BindingFixPlanner;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.ui.diagnostics.DiagnosticsController;
import dev.wifdesk.ui.diagnostics.DiagnosticsPanels;
import dev.wifdesk.ui.diagnostics.DiagnosticsViewModel;
import dev.wifdesk.ui.log.ActivityLogController;
import dev.wifdesk.ui.log.ActivityLogViewModel;
import dev.wifdesk.ui.main.MainWindowController;
import dev.wifdesk.ui.main.MainWindowViewModel;
import dev.wifdesk.ui.placeholder.ComingSoonViewModel;
import dev.wifdesk.ui.placeholder.KeysController;
import dev.wifdesk.ui.placeholder.RotationController;
import dev.wifdesk.ui.placeholder.SetupWizardController;
import dev.wifdesk.ui.placeholder.VerifyController;
import dev.wifdesk.ui.demo.DemoFederationDialog;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import javafx.util.Callback;

/**
 * Builds each controller with its view model and services (constructor injection). The FXML
 * loader calls it for every {@code fx:controller}; an unknown class is a programming error.
 */
public final class UiControllerFactory implements Callback<Class<?>, Object> {
    private final UiServices s;
    private final ViewLoader loader;
    private final DemoFederationViewModel demo;
    private final DemoFederationDialog demoDialog;

    public UiControllerFactory(UiServices services, java.util.ResourceBundle bundle) {
        this.s = services;
        this.loader = new ViewLoader(bundle, this);
        // one demo state for the bar's menu and the Diagnostics screen
        this.demo = new DemoFederationViewModel(s.connectionState(), s.executor(), s.messages(), s.live().audit(), s.clock());
        this.demoDialog = new DemoFederationDialog(demo, s.messages());
    }

    public ViewLoader loader() {
        return loader;
    }

    @Override
    public Object call(Class<?> type) {
        if (type == MainWindowController.class) {
            MainWindowViewModel vm = new MainWindowViewModel(s.connectionService(), s.connectionState(), s.executor(),
                    s.messages());
            return new MainWindowController(vm, s.navigator(), () -> loader, demo, demoDialog);
        }
        if (type == DiagnosticsController.class) {
            return new DiagnosticsController(new DiagnosticsViewModel(s.diagnosisService(), s.providerDirectories(),
                    s.connectionState(), s.executor(), s.messages(), s.clipboard(), new ClaimsTable(s.cel()), s.clock(),
                    s.live(), new BindingFixPlanner(new FederationEvaluator(s.cel()))),
                    demo, demoDialog);
        }
        if (DiagnosticsPanels.isPanel(type)) {
            return DiagnosticsPanels.create(type, s.messages());
        }
        if (type == ActivityLogController.class) {
            return new ActivityLogController(new ActivityLogViewModel(s.activityLog(), s.clipboard(), s.messages()));
        }
        if (type == SetupWizardController.class) {
            return new SetupWizardController(comingSoon());
        }
        if (type == VerifyController.class) {
            return new VerifyController(comingSoon());
        }
        if (type == RotationController.class) {
            return new RotationController(comingSoon());
        }
        if (type == KeysController.class) {
            return new KeysController(comingSoon());
        }
        throw new IllegalArgumentException("No controller registered for " + type.getName());
    }

    private ComingSoonViewModel comingSoon() {
        return new ComingSoonViewModel(s.connectionState(), s.messages());
    }
}
