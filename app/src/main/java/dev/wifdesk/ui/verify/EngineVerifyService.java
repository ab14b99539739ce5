package dev.wifdesk.ui.verify;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GitLabConnection;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.setup.SetupPlanner;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.diagnostics.LiveServices;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.verify.BindingHistory;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.Verifier;
import dev.wifdesk.verify.VerifyFix;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import dev.wifdesk.verify.VerifyTiming;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.gitlab4j.api.GitLabApi;

/**
 * The Verify screen's port on the engines: {@link Verifier} as {@code wifdesk verify} builds it
 * (the audit log tells propagation apart), and "Apply fix" as {@link VerifyFix} plans it from the
 * setup planner, run by {@link PlanExecutor} with every change audited under the connection's identity.
 */
public final class EngineVerifyService implements VerifyService {
    private final AuditLog audit;
    private final Clock clock;
    private final SpecParser parser;
    private final VerifyTiming timing;

    public EngineVerifyService(AuditLog audit, Clock clock, CelEngine cel, VerifyTiming timing) {
        this.audit = audit;
        this.clock = clock;
        this.parser = new SpecParser(new SpecValidator(cel));
        this.timing = timing;
    }

    private static GoogleClients google(Connection c) throws IOException {
        return c.clients().orElseThrow(() -> new IOException("the connection has no Google clients"));
    }

    @Override
    public FederationSpec load(Path file) throws Exception {
        try {
            return parser.load(file);
        } catch (InvalidSpecException e) {
            throw new IOException(e.report(), e);
        }
    }

    @Override
    public VerifyReport verify(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec, LaunchMode mode,
                               VerifyListener listener, BooleanSupplier cancelled) throws Exception {
        GoogleClients google = google(connection);
        try (GitLabApi api = gitlab.map(EngineVerifyService::open).orElse(null)) {
            Verifier verifier = new Verifier(google, Optional.ofNullable(api), LiveServices.jwksFor(connection),
                    BindingHistory.of(audit), timing);
            return verifier.verify(spec, mode, listener, cancelled);
        }
    }

    @Override
    public PlanRun applyFix(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec, Set<String> stepIds,
                            BooleanSupplier cancelled) throws Exception {
        GoogleClients google = google(connection);
        try (GitLabApi api = gitlab.map(EngineVerifyService::open).orElse(null)) {
            Optional<GitLabApi> gl = Optional.ofNullable(api);
            var fix = VerifyFix.plan(new SetupPlanner(google, gl).plan(spec), stepIds);
            AuditedChanges audited = new AuditedChanges(audit, connection.identity(), clock);
            return PlanExecutor.run(fix, new ChangeContext(google, gl, audited), new PlanExecutor.Listener() {
            }, cancelled);
        } catch (InvalidSpecException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static GitLabApi open(GitLabAccess access) {
        return GitLabConnection.open(access.url(), access.token());
    }
}
