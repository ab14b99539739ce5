package dev.wifdesk.ui;

import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.diagnose.fix.BindingFixPlanner;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.ui.diagnostics.DiagnosticsController;
import dev.wifdesk.ui.diagnostics.DiagnosticsViewModel;
import dev.wifdesk.ui.diagnostics.FindingsController;
import dev.wifdesk.ui.diagnostics.InputsController;
import dev.wifdesk.ui.diagnostics.LatestFailuresController;
import dev.wifdesk.ui.diagnostics.LiveExchangeController;
import dev.wifdesk.ui.diagnostics.ProviderPickerController;
import dev.wifdesk.ui.diagnostics.SampleTokenController;
import dev.wifdesk.ui.log.ActivityLogController;
import dev.wifdesk.ui.log.ActivityLogViewModel;
import dev.wifdesk.ui.main.MainWindowController;
import dev.wifdesk.ui.main.MainWindowViewModel;
import dev.wifdesk.ui.placeholder.ComingSoonViewModel;
import dev.wifdesk.ui.placeholder.KeysController;
import java.util.List;

/** The app's features, each registering its own controllers; a new screen adds one entry here. */
final class Features {
    private Features() {
    }

    static final UiFeature SHELL = (r, c) -> r.register(MainWindowController.class, () -> new MainWindowController(
            new MainWindowViewModel(c.services().connectionService(), c.services().connectionState(),
                    c.services().executor(), c.services().messages()),
            c.services().navigator(), c.loader(), c.demo(), c.demoDialog()));

    static final UiFeature DIAGNOSTICS = (r, c) -> r.register(DiagnosticsController.class, () -> {
        UiServices s = c.services();
        return new DiagnosticsController(new DiagnosticsViewModel(s.diagnosisService(), s.providerDirectories(),
                s.connectionState(), s.executor(), s.messages(), s.clipboard(), new ClaimsTable(s.cel()), s.clock(),
                s.live(), new BindingFixPlanner(new FederationEvaluator(s.cel()))),
                c.demo(), c.demoDialog());
    }).register(InputsController.class, InputsController::new)
            .register(SampleTokenController.class, () -> new SampleTokenController(c.services().messages()))
            .register(ProviderPickerController.class, ProviderPickerController::new)
            .register(LiveExchangeController.class, () -> new LiveExchangeController(c.services().messages()))
            .register(LatestFailuresController.class, LatestFailuresController::new)
            .register(FindingsController.class, () -> new FindingsController(c.services().messages()));

    static final UiFeature ACTIVITY_LOG = (r, c) -> r.register(ActivityLogController.class, () ->
            new ActivityLogController(new ActivityLogViewModel(c.services().activityLog(), c.services().clipboard(),
                    c.services().messages())));

    /** The sections not built yet, each saying which project it will work on. */
    static final UiFeature COMING_SOON = (r, c) -> {
        r.register(KeysController.class, () -> new KeysController(comingSoon(c)));
    };

    /** The Setup wizard, and the Verify and Rotation screens, which work on the spec the wizard holds. */
    static final UiFeature SETUP = (r, c) -> {
        dev.wifdesk.ui.setup.SetupWizardState wizard = new dev.wifdesk.ui.setup.SetupWizardState();
        SetupFeature.register(r, c, wizard);
        VerifyFeature.register(r, c, wizard);
        RotationFeature.register(r, c, wizard);
    };

    static final List<UiFeature> ALL = List.of(SHELL, DIAGNOSTICS, ACTIVITY_LOG, SETUP, COMING_SOON);

    private static ComingSoonViewModel comingSoon(UiFeature.Context c) {
        return new ComingSoonViewModel(c.services().connectionState(), c.services().messages());
    }
}
