package dev.wifdesk.ui;

import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.rotation.EngineRotationService;
import dev.wifdesk.ui.rotation.RotationController;
import dev.wifdesk.ui.rotation.RotationViewModel;
import dev.wifdesk.ui.setup.SetupWizardState;
import dev.wifdesk.verify.VerifyTiming;

/** The Rotation screen's controller over the rotation engine (audited to the app's audit log), over the wizard's state. */
final class RotationFeature {
    private RotationFeature() {
    }

    static void register(ControllerRegistry r, UiFeature.Context c, SetupWizardState wizard) {
        UiServices s = c.services();
        r.register(RotationController.class, () -> new RotationController(new RotationViewModel(
                new EngineRotationService(s.live().audit(), s.clock(), VerifyTiming.defaults()), wizard, s.connectionState(),
                new SpecParser(new SpecValidator(s.cel())), s.executor(), s.messages(), s.clock()), s.messages()));
    }
}
