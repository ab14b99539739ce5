package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderDirectory;
import dev.wifdesk.ui.connection.Connection;

/** Builds the provider directory for a connection (the real one uses the connection's Iam client). */
@FunctionalInterface
public interface ProviderDirectories {
    ProviderDirectory forConnection(Connection connection);
}
