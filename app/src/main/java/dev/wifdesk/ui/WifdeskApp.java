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
import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.ui.diagnostics.LiveServices;
import dev.wifdesk.ui.diagnostics.ProviderDirectories;
import dev.wifdesk.ui.log.ActivityLog;
import dev.wifdesk.ui.log.ActivityLogAppender;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the window at once with a light first view, builds the real
 * services once after that view's first frame, then puts the shell in its place. The services
 * (logging, CEL, Jackson, the audit log, the clients) are built on a background thread, and only
 * after the first frame: on a small machine, building them while the toolkit starts slowed the
 * window's first frame by half (docs/benchmarks.md "Start-up").
 */
public final class WifdeskApp extends Application {
    private static final String MEASURE_STARTUP = "--measure-startup";
    /** {@code --measure-startup}'s second figure, on stderr: the shell's own first frame. */
    static final String SHELL_PREFIX = "shell-ms ";
    // JavaFX makes the Application instance itself: these hand over what launchGui prepared
    private static volatile Runnable toolkitStarted = () -> { };
    private static volatile Throwable startFailure;

    private ActivityLogAppender appender;

    /**
     * Opens the window and returns when it is closed. {@code toolkitStarted} runs once the JavaFX
     * toolkit is up (a failure before that is the toolkit's: no display, GTK missing).
     * {@code measureStartup}: see {@link StartupProbe}.
     */
    public static void launchGui(boolean measureStartup, Runnable toolkitStarted) {
        WifdeskApp.toolkitStarted = toolkitStarted;
        startFailure = null;
        if (measureStartup) {
            Application.launch(WifdeskApp.class, MEASURE_STARTUP);
        } else {
            Application.launch(WifdeskApp.class);
        }
        Throwable failure = startFailure;
        if (failure != null) {
            throw failure instanceof RuntimeException re ? re : new IllegalStateException(failure.getMessage(), failure);
        }
    }

    private static CompletableFuture<UiServices> buildServicesInBackground() {
        CompletableFuture<UiServices> built = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                // Logback first: the appender is installed on the FX thread once this is done
                org.slf4j.LoggerFactory.getILoggerFactory();
                built.complete(realServices(new ActivityLog(ActivityLog.DEFAULT_CAPACITY, Platform::runLater)));
                warmUpIcons();
            } catch (RuntimeException | Error e) {
                built.completeExceptionally(e);
            }
        }, "wifdesk-startup");
        thread.setDaemon(true);
        thread.start();
        return built;
    }

    /**
     * The icon packs' plain-Java part, which the shell's first frame needs: the handlers (one per
     * letter of the Material Design pack, found by a service loader) and the glyph enums of the
     * navigation, each a class of hundreds of constants. Done here, it overlaps the shell's FXML
     * instead of following it; nothing of JavaFX is touched off its thread.
     */
    private static void warmUpIcons() {
        org.kordamp.ikonli.AbstractIkonResolver.resolveServiceLoader().forEach(handler -> handler.getFontFamily());
        for (dev.wifdesk.ui.core.View view : dev.wifdesk.ui.core.View.values()) {
            if (view.glyph() != null) {
                view.glyph().getDescription();
            }
        }
    }

    @Override
    public void init() {
        toolkitStarted.run();
    }

    @Override
    public void start(Stage stage) {
        boolean measure = getParameters().getRaw().contains(MEASURE_STARTUP);
        MainWindow.showStartupShell(stage, Messages.load(Locale.getDefault()));
        Runnable buildServices = () -> buildServicesInBackground()
                .whenComplete((s, failure) -> Platform.runLater(() -> openShell(stage, s, failure, measure)));
        Scene first = stage.getScene();
        if (measure) {
            StartupProbe.reportFirstPulse(first, StartupProbe.PREFIX, System.out, buildServices);
        } else {
            StartupProbe.afterNextPulse(first, buildServices);
        }
    }

    /** The shell in place of the start-up view, unless that window was closed meanwhile. */
    private void openShell(Stage stage, UiServices services, Throwable failure, boolean measure) {
        try {
            if (failure != null) {
                throw failure;
            }
            if (!MainWindow.open(stage, services)) {
                return;
            }
            appender = ActivityLogAppender.install(services.activityLog());
            if (services.diagnosisService() instanceof LazyDiagnosisService lazy) {
                StartupProbe.afterNextPulse(stage.getScene(), lazy::warmUp);
            }
            if (measure) {
                // the shell's own first frame, on stderr (stdout has the one line of the contract); then close
                StartupProbe.reportFirstPulse(stage.getScene(), SHELL_PREFIX, System.err, stage::hide);
            }
        } catch (Throwable t) {
            // as a failure in start() would: launchGui rethrows it, the command line prints one line
            startFailure = t instanceof java.util.concurrent.CompletionException ce ? ce.getCause() : t;
            Platform.exit();
        }
    }

    static UiServices realServices(ActivityLog log) {
        ProviderDirectories directories = c -> new IamProviderDirectory(c.clients()
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
