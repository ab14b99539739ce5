package dev.wifdesk.ui.connection;

import java.net.URI;

/** Starts the in-process sandbox (Google + GitLab emulators) when no Google credentials exist. */
public interface SandboxLauncher {
    RunningSandbox start() throws Exception;

    /** What the UI needs from a running sandbox; close() stops it. */
    interface RunningSandbox extends AutoCloseable {
        URI googleBase();

        String operatorToken();

        String operatorEmail();

        String projectId();

        /** The sandbox's GitLab side, when this sandbox has one. */
        default java.util.Optional<SandboxGitLab> gitlab() {
            return java.util.Optional.empty();
        }

        @Override
        void close();
    }
}
