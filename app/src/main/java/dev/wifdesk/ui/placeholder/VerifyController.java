package dev.wifdesk.ui.placeholder;

/** Placeholder controller of the Verify section until its screen lands. */
public final class VerifyController extends ComingSoonController {
    public VerifyController(ComingSoonViewModel viewModel) {
        super(viewModel);
    }
}
