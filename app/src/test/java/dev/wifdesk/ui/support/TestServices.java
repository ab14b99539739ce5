package dev.wifdesk.ui.support;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.ui.diagnostics.LiveServices;
import dev.wifdesk.cloud.ServiceAccountDirectory;
import dev.wifdesk.ui.diagnostics.ServiceAccountDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.wifdesk.ui.UiServices;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionService;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.diagnostics.DiagnosisService;
import dev.wifdesk.ui.diagnostics.ProviderDirectories;
import dev.wifdesk.ui.log.ActivityLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** UI services for tests: synchronous executor, a recording clipboard, doubles of the UI's own interfaces. */
public final class TestServices {
    public static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    public final List<String> clipboard = new ArrayList<>();
    public final ActivityLog log = new ActivityLog(100, TestServices::onFxThreadWhenStarted);
    public final ConnectionState state = new ConnectionState();
    public final Navigator navigator = new Navigator();
    public final Messages messages = Messages.load(Locale.ROOT);
    public volatile boolean closed;
    /** The thread the connection service was closed on (never the FX thread: closing stops servers). */
    public volatile String closedOn;
    public final java.util.concurrent.CountDownLatch closedLatch = new java.util.concurrent.CountDownLatch(1);
    /** Fixed for screen tests; the sandbox tests use the system clock (its tokens are minted now). */
    public Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /**
     * As the app's {@code Platform::runLater}: log lines from other threads (the window-close thread
     * stopping the sandbox) reach the activity list on the FX thread, where a screen may be bound to
     * it; without a started toolkit (view-model tests) they are appended at once.
     */
    static void onFxThreadWhenStarted(Runnable r) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            r.run();
            return;
        }
        try {
            javafx.application.Platform.runLater(r);
        } catch (IllegalStateException toolkitNotStarted) {
            r.run();
        }
    }

    public static dev.wifdesk.diagnose.fix.BindingFixPlanner bindingPlanner() {
        return new dev.wifdesk.diagnose.fix.BindingFixPlanner(new dev.wifdesk.cel.FederationEvaluator(new CelEngine()));
    }

    public static Messages messages() {
        return Messages.load(Locale.ROOT);
    }

    /** A connection service double that answers with {@code connection} (and records close()). */
    public ConnectionService connectingTo(Connection connection) {
        return new ConnectionService() {
            @Override
            public Connection connect() {
                return connection;
            }

            @Override
            public void close() {
                closedOn = Thread.currentThread().getName();
                closed = true;
                closedLatch.countDown();
            }
        };
    }

    public static Connection sandboxConnection() {
        return new Connection(Connection.TargetKind.SANDBOX, "sandbox-project (428617359021)",
                "operator@wifdesk-sandbox.example",
                List.of(new Connection.ProjectInfo("sandbox-project", "428617359021", "Sandbox project")), Optional.empty());
    }

    /**
     * The live services: real by default (the sandbox tests run the real clients); a connection
     * without clients (screen tests with doubles) never reaches them. The audit log is a temp file.
     */
    public LiveServices live = withNoAccountsOffline(LiveServices.real(new AuditLog(tempAuditFile())));

    /** Connections without clients (screen tests' doubles) list no service accounts instead of failing. */
    private static LiveServices withNoAccountsOffline(LiveServices real) {
        ServiceAccountDirectories accounts = c -> c.clients().isPresent() ? real.serviceAccounts().forConnection(c)
                : new ServiceAccountDirectory() {
                    @Override
                    public List<String> list(String projectId) {
                        return List.of();
                    }

                    @Override
                    public String policyJson(String resource) throws IOException {
                        throw new IOException("offline");
                    }

                    @Override
                    public String poolJson(String poolName) throws IOException {
                        throw new IOException("offline");
                    }

                    @Override
                    public void apply(dev.wifdesk.cloud.PolicyChange change) throws IOException {
                        throw new IOException("offline");
                    }
                };
        return new LiveServices(accounts, real.jwks(), real.exchange(), real.failures(), real.audit());
    }

    private static Path tempAuditFile() {
        try {
            Path dir = Files.createTempDirectory("wifdesk-audit");
            dir.toFile().deleteOnExit();
            return dir.resolve("audit.jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public UiServices build(ConnectionService connection, DiagnosisService engine, ProviderDirectories directories) {
        return new UiServices(UiExecutor.inline(), connection, state, navigator, log, messages, clipboard::add,
                engine, directories, new CelEngine(), clock, live);
    }

    /** The start-up connection to an embedded sandbox, as the app makes it; no Google credentials exist. */
    public static dev.wifdesk.ui.connection.StartupConnectionService embeddedSandbox() {
        return new dev.wifdesk.ui.connection.StartupConnectionService(Optional::empty,
                new dev.wifdesk.ui.EmbeddedSandboxLauncher(dev.wifdesk.sandbox.SandboxOptions.defaults()),
                adc -> {
                    throw new AssertionError("no credentials exist in this test");
                });
    }

    /** The app's services over {@code connection}, with the real diagnosis engine and the project's IAM providers. */
    public UiServices buildLive(ConnectionService connection) {
        return build(connection, new dev.wifdesk.ui.diagnostics.EngineDiagnosisService(new dev.wifdesk.diagnose.DiagnosisEngine()),
                c -> new dev.wifdesk.cloud.IamProviderDirectory(c.clients().orElseThrow().iam()));
    }
}
