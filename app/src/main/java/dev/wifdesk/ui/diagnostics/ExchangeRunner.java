package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.LiveExchange;
import dev.wifdesk.ui.connection.Connection;

/** Runs the real two-step exchange for a connection (blocking: background tasks only). */
public interface ExchangeRunner {
    LiveExchange.Result run(Connection connection, String idToken, String stsAudience, String serviceAccountEmail);

    /** STS then IAM Credentials through google-auth-library and the connection's clients. */
    static ExchangeRunner real() {
        return (c, token, audience, sa) -> new LiveExchange(c.clients()
                .orElseThrow(() -> new IllegalStateException("no Google clients for " + c.target()))).run(token, audience, sa);
    }
}
