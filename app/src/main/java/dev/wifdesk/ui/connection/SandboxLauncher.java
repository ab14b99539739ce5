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

        @Override
        void close();
    }
}
