package dev.wifdesk.ui.placeholder;

/** Placeholder controller of the SetupWizard section until its screen lands. */
public final class SetupWizardController extends ComingSoonController {
    public SetupWizardController(ComingSoonViewModel viewModel) {
        super(viewModel);
    }
}
