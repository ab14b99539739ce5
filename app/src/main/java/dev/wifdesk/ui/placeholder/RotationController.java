package dev.wifdesk.ui.placeholder;

/** Placeholder controller of the Rotation section until its screen lands. */
public final class RotationController extends ComingSoonController {
    public RotationController(ComingSoonViewModel viewModel) {
        super(viewModel);
    }
}
