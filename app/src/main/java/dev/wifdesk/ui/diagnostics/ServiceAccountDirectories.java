package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ServiceAccountDirectory;
import dev.wifdesk.ui.connection.Connection;

/** Builds the service-account directory for a connection (the real one uses the connection's Iam client). */
@FunctionalInterface
public interface ServiceAccountDirectories {
    ServiceAccountDirectory forConnection(Connection connection);
}
