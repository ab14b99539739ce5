package dev.wifdesk.ui.connection;

/**
 * Chooses and opens the target. Blocking (network, a sandbox start): call it from a background
 * task only. {@link #close()} releases what a connect started (the sandbox).
 */
public interface ConnectionService extends AutoCloseable {
    /** The start-up choice: Google Cloud when Application Default Credentials exist, otherwise the sandbox. */
    Connection connect() throws Exception;

    /**
     * Opens {@code kind} on request (the connection bar's target switch). On success what the old
     * target held is released (leaving the sandbox stops it); on failure the old target stays as it was.
     */
    default Connection connect(Connection.TargetKind kind) throws Exception {
        throw new UnsupportedOperationException("this connection cannot switch targets");
    }

    @Override
    void close();
}
