package dev.wifdesk.ui;

import dev.wifdesk.gitlab.KeyringTokenVault;
import dev.wifdesk.ui.setup.AccessStepController;
import dev.wifdesk.ui.setup.ApplyStepController;
import dev.wifdesk.ui.setup.ConnectStepController;
import dev.wifdesk.ui.setup.EngineSetupService;
import dev.wifdesk.ui.setup.EnvironmentsStepController;
import dev.wifdesk.ui.setup.GitLabStepController;
import dev.wifdesk.ui.setup.PoolProviderStepController;
import dev.wifdesk.ui.setup.ProjectStepController;
import dev.wifdesk.ui.setup.ReviewStepController;
import dev.wifdesk.ui.setup.SetupWizardController;
import dev.wifdesk.ui.setup.SetupWizardState;
import dev.wifdesk.ui.setup.SetupWizardViewModel;

/** The Setup wizard's controllers: the frame with its one view model, and each step's panel. */
final class SetupFeature {
    private SetupFeature() {
    }

    static void register(ControllerRegistry r, UiFeature.Context c) {
        register(r, c, new SetupWizardState());
    }

    /** {@code state}: the wizard's, shared with the Verify screen ({@link VerifyFeature}). */
    static void register(ControllerRegistry r, UiFeature.Context c, SetupWizardState state) {
        UiServices s = c.services();
        r.register(SetupWizardController.class, () -> new SetupWizardController(
                SetupWizardViewModel.create(state, new EngineSetupService(s.live().audit(), s.clock(), s.cel()),
                s.connectionState(), s.navigator(), s.executor(), s.messages(), s.cel(), new KeyringTokenVault()),
                s.messages()))
                .register(ConnectStepController.class, ConnectStepController::new)
                .register(ProjectStepController.class, ProjectStepController::new)
                .register(PoolProviderStepController.class, () -> new PoolProviderStepController(s.messages()))
                .register(EnvironmentsStepController.class, () -> new EnvironmentsStepController(s.messages()))
                .register(AccessStepController.class, AccessStepController::new)
                .register(GitLabStepController.class, () -> new GitLabStepController(s.messages()))
                .register(ReviewStepController.class, () -> new ReviewStepController(s.messages()))
                .register(ApplyStepController.class, () -> new ApplyStepController(s.messages()));
    }
}
