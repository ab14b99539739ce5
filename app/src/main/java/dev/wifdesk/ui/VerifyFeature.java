package dev.wifdesk.ui;

import dev.wifdesk.ui.setup.SetupWizardState;
import dev.wifdesk.ui.verify.EngineVerifyService;
import dev.wifdesk.ui.verify.VerifyController;
import dev.wifdesk.ui.verify.VerifyViewModel;
import dev.wifdesk.verify.VerifyTiming;

/** The Verify screen's controller: its view model on the engines, over the Setup wizard's state. */
final class VerifyFeature {
    private VerifyFeature() {
    }

    static void register(ControllerRegistry r, UiFeature.Context c, SetupWizardState wizard) {
        UiServices s = c.services();
        r.register(VerifyController.class, () -> new VerifyController(new VerifyViewModel(
                new EngineVerifyService(s.live().audit(), s.clock(), s.cel(), VerifyTiming.defaults()), wizard,
                s.connectionState(), s.executor(), s.messages()), s.messages()));
    }
}
