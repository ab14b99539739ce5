package dev.wifdesk.ui;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.ui.connection.ConnectionService;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.ClipboardWriter;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.diagnostics.DiagnosisService;
import dev.wifdesk.ui.diagnostics.LiveServices;
import dev.wifdesk.ui.diagnostics.ProviderDirectories;
import dev.wifdesk.ui.log.ActivityLog;
import java.time.Clock;

/**
 * Everything the controllers may be built with. The app makes the real set; tests swap single
 * services (a synchronous executor, a double of {@link ConnectionService}, ...).
 */
public record UiServices(UiExecutor executor, ConnectionService connectionService, ConnectionState connectionState,
                         Navigator navigator, ActivityLog activityLog, Messages messages, ClipboardWriter clipboard,
                         DiagnosisService diagnosisService, ProviderDirectories providerDirectories,
                         CelEngine cel, Clock clock, LiveServices live) {
}
