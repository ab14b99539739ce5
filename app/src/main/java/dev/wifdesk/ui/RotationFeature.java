package dev.wifdesk.ui;

import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.rotation.EngineRotationService;
import dev.wifdesk.ui.rotation.RotationController;
import dev.wifdesk.ui.rotation.RotationViewModel;

/** The Rotation screen's controller over the rotation engine, audited to the app's audit log. */
final class RotationFeature {
    private RotationFeature() {
    }

    static void register(ControllerRegistry r, UiFeature.Context c) {
        UiServices s = c.services();
        r.register(RotationController.class, () -> new RotationController(new RotationViewModel(
                new EngineRotationService(s.live().audit(), s.clock()), s.connectionState(),
                new SpecParser(new SpecValidator(s.cel())), s.executor(), s.messages(), s.clock()), s.messages()));
    }
}
