package dev.wifdesk.verify;

import java.util.Locale;

/** The three layers of a verification (CLI.md's {@code layer}), in the order they run. */
public enum Layer {
    /** Read-only checks of the project, the federation and GitLab (seconds). */
    PREFLIGHT,
    /** Dataflow {@code templates.launch} with {@code validateOnly} as the service account: launch rights at no cost. */
    LAUNCH,
    /** A real pipeline on the configured ref: ID token, STS, impersonation, a Dataflow job to its end. */
    PIPELINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
