package dev.wifdesk.ui.placeholder;

/** Placeholder controller of the Keys section until its screen lands. */
public final class KeysController extends ComingSoonController {
    public KeysController(ComingSoonViewModel viewModel) {
        super(viewModel);
    }
}
