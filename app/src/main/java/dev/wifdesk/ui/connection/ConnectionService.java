package dev.wifdesk.ui.connection;

/**
 * Chooses and opens the target at start-up. Blocking (network, a sandbox start): call it from
 * a background task only. {@link #close()} releases what connect() started (the sandbox).
 */
public interface ConnectionService extends AutoCloseable {
    Connection connect() throws Exception;

    @Override
    void close();
}
