package dev.wifdesk.ui.setup;

/** The wizard's steps in order; each has its FXML panel and its title key ({@code setup.step.NAME}). */
public enum SetupStep {
    CONNECT, PROJECT, POOL_PROVIDER, ENVIRONMENTS, ACCESS, GITLAB, REVIEW, APPLY;

    public String titleKey() {
        return "setup.step." + name();
    }

    /** Node id of the step's panel and of its entry in the step list. */
    public String paneId() {
        return "setup-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
