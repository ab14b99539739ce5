package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.diagnose.live.LatestFailures;
import dev.wifdesk.ui.connection.Connection;

/** "Diagnose the latest failures" of a GitLab project (blocking: background tasks only). */
public interface FailuresSource {
    LatestFailures diagnose(Connection connection, String gitlabUrl, String projectPath) throws Exception;
}
