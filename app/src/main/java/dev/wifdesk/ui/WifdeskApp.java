package dev.wifdesk.ui;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.connection.CredentialsProbe;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.ClipboardWriter;
import dev.wifdesk.ui.core.DaemonUiExecutor;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.ui.diagnostics.IamProviderDirectory;
import dev.wifdesk.ui.diagnostics.LiveServices;
import dev.wifdesk.ui.diagnostics.ProviderDirectory;
import dev.wifdesk.ui.log.ActivityLog;
import dev.wifdesk.ui.log.ActivityLogAppender;
import java.time.Clock;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: builds the real services once and opens the main window. */
public final class WifdeskApp extends Application {
    private ActivityLogAppender appender;

    private static final String MEASURE_STARTUP = "--measure-startup";

    /** Opens the window and returns when it is closed; {@code measureStartup}: see {@link StartupProbe}. */
    public static void launchGui(boolean measureStartup) {
        if (measureStartup) {
            Application.launch(WifdeskApp.class, MEASURE_STARTUP);
        } else {
            Application.launch(WifdeskApp.class);
        }
    }

    @Override
    public void start(Stage stage) {
        ActivityLog log = new ActivityLog(ActivityLog.DEFAULT_CAPACITY, Platform::runLater);
        appender = ActivityLogAppender.install(log);
        MainWindow.show(stage, realServices(log), true);
        if (getParameters().getRaw().contains(MEASURE_STARTUP)) {
            StartupProbe.reportFirstPulse(stage, System.out);
        }
    }

    static UiServices realServices(ActivityLog log) {
        ProviderDirectory.Factory directories = c -> new IamProviderDirectory(c.clients()
                .orElseThrow(() -> new IllegalStateException("no Google clients for " + c.target())).iam());
        return new UiServices(new DaemonUiExecutor(),
                new StartupConnectionService(CredentialsProbe.applicationDefault(), Wiring.sandboxLauncher()),
                new ConnectionState(), new Navigator(), log, Messages.load(Locale.getDefault()),
                ClipboardWriter.system(), Wiring.diagnosisService(), directories, new CelEngine(), Clock.systemUTC(),
                LiveServices.real(new AuditLog(LiveServices.defaultAuditFile())));
    }

    @Override
    public void stop() {
        if (appender != null) {
            appender.uninstall();
        }
    }
}
