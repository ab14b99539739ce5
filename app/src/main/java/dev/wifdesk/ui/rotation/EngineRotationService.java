package dev.wifdesk.ui.rotation;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.GitLabConnection;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.rotate.PhaseVerification;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.Rotation;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.rotate.RotationRefused;
import dev.wifdesk.rotate.RotationStatus;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.ui.diagnostics.LiveServices;
import dev.wifdesk.ui.setup.SetupReview;
import dev.wifdesk.verify.BindingHistory;
import dev.wifdesk.verify.Verifier;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import dev.wifdesk.verify.VerifyTiming;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.gitlab4j.api.GitLabApi;

/**
 * The screen's port on {@code rotate/}: the status from {@link RotationStatus}, each phase planned
 * by {@link Rotation} (reads only) and run by {@link PlanExecutor} with every mutating call audited
 * under the connection's identity, then the path it left live verified by {@link PhaseVerification},
 * exactly as {@code wifdesk rotate} does.
 */
public final class EngineRotationService implements RotationService {
    private final AuditLog audit;
    private final Clock clock;
    private final VerifyTiming timing;

    public EngineRotationService(AuditLog audit, Clock clock, VerifyTiming timing) {
        this.audit = audit;
        this.clock = clock;
        this.timing = timing;
    }

    private static GoogleClients google(Connection c) throws IOException {
        return c.clients().orElseThrow(() -> new IOException("the connection has no Google clients"));
    }

    /** GitLab is opened only for a spec with {@code gitlab:} and access to it. */
    private static Optional<GitLabApi> open(Optional<GitLabAccess> gitlab, FederationSpec spec) {
        return spec.gitlab().isPresent() ? gitlab.map(g -> GitLabConnection.open(g.url(), g.token())) : Optional.empty();
    }

    @Override
    public List<PoolStatus> pools(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec,
                                  Duration policy) throws IOException {
        Optional<GitLabApi> api = open(gitlab, spec);
        try {
            return new RotationStatus(google(connection), api, clock).pools(spec.gcp().project(),
                    spec.gitlab().map(FederationSpec.GitLab::project), policy, audit.read());
        } finally {
            api.ifPresent(GitLabApi::close);
        }
    }

    @Override
    public RotationReview plan(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec,
                               RotationPlan.Phase phase, Options options) throws RotationRefused, IOException {
        Optional<GitLabApi> api = open(gitlab, spec);
        try {
            Rotation rotation = new Rotation(google(connection), api, clock);
            RotationPlan plan = switch (phase) {
                case PREPARE -> rotation.prepare(spec, Optional.empty(), options.copyUnmanagedBindings());
                case SWITCH -> rotation.switchOver(spec, options.overwriteChangedVariables());
                case ROLLBACK -> rotation.rollback(spec);
                case RETIRE -> rotation.retire(spec, options.grace());
            };
            return new RotationReview(phase, plan.oldPool(), plan.newPool(), SetupReview.of(plan.plan()), plan.findings(),
                    plan.livePath());
        } catch (InvalidSpecException e) {
            // the message names the field and the rule
            throw new IOException(e.getMessage(), e);
        } finally {
            api.ifPresent(GitLabApi::close);
        }
    }

    @Override
    public PlanRun run(Connection connection, Optional<GitLabAccess> gitlab, RotationReview review,
                       PlanExecutor.Listener listener, BooleanSupplier cancelled) throws Exception {
        Optional<GitLabApi> api = gitlab.map(g -> GitLabConnection.open(g.url(), g.token()));
        try {
            AuditedChanges audited = new AuditedChanges(audit, connection.identity(), clock);
            return PlanExecutor.run(review.review().plan(), new ChangeContext(google(connection), api, audited),
                    listener, cancelled);
        } finally {
            api.ifPresent(GitLabApi::close);
        }
    }

    @Override
    public Optional<VerifyReport> verify(Connection connection, Optional<GitLabAccess> gitlab, RotationReview review,
                                         VerifyListener listener, BooleanSupplier cancelled) throws Exception {
        Optional<GitLabApi> api = open(gitlab, review.livePath());
        try {
            Verifier verifier = new Verifier(google(connection), api, LiveServices.jwksFor(connection),
                    BindingHistory.of(audit), timing);
            return new PhaseVerification(verifier).after(review.phase(), review.livePath(), listener, cancelled);
        } finally {
            api.ifPresent(GitLabApi::close);
        }
    }
}
