package dev.wifdesk.ui.setup;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.GitLabConnection;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.plan.IamResources;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.setup.ProjectFacts;
import dev.wifdesk.plan.setup.SetupPlan;
import dev.wifdesk.plan.setup.SetupPlanner;
import dev.wifdesk.plan.lint.SetupLint;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.ui.connection.Connection;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.MergeRequest;

/**
 * The wizard's port on the plan engine: the project's facts ({@link ProjectFacts}), ids judged by
 * {@link IamResources}, the plan from {@link SetupPlanner} (reads only), applied by
 * {@link PlanExecutor} with every mutating call audited under the connection's identity.
 */
public final class EngineSetupService implements SetupService {
    private final AuditLog audit;
    private final Clock clock;
    private final SetupLint lint;

    /** {@code cel}: the app's engine, so the review's security lint shares its compiled expressions. */
    public EngineSetupService(AuditLog audit, Clock clock, CelEngine cel) {
        this.audit = audit;
        this.clock = clock;
        this.lint = new SetupLint(cel);
    }

    private static GoogleClients google(Connection c) throws IOException {
        return c.clients().orElseThrow(() -> new IOException("the connection has no Google clients"));
    }

    static GitLabApi open(GitLabAccess gitlab) {
        return GitLabConnection.open(gitlab.url(), gitlab.token());
    }

    @Override
    public ProjectSummary project(Connection connection, String projectId) throws IOException {
        ProjectFacts facts = ProjectFacts.read(google(connection), projectId);
        return new ProjectSummary(facts.projectId(), facts.projectNumber(), facts.missingServices());
    }

    @Override
    public IdState poolState(Connection connection, String projectNumber, String poolId) throws IOException {
        return IdState.of(IamResources.poolAction(google(connection), ResourceNames.poolName(projectNumber, poolId)));
    }

    @Override
    public IdState providerState(Connection connection, String projectNumber, String poolId, String providerId)
            throws IOException {
        return IdState.of(IamResources.providerAction(google(connection),
                ResourceNames.providerName(projectNumber, poolId, providerId)));
    }

    @Override
    public SetupReview review(Connection connection, GitLabAccess gitlab, FederationSpec spec) throws IOException {
        try (GitLabApi api = open(gitlab)) {
            SetupPlan plan = new SetupPlanner(google(connection), Optional.of(api), lint).plan(spec);
            return SetupReview.of(plan);
        } catch (InvalidSpecException e) {
            // e.g. an account to reuse that does not exist: the message names the field and the rule
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public PlanRun apply(Connection connection, GitLabAccess gitlab, SetupReview review, PlanExecutor.Listener listener,
                         BooleanSupplier cancelled) throws Exception {
        try (GitLabApi api = open(gitlab)) {
            AuditedChanges audited = new AuditedChanges(audit, connection.identity(), clock);
            return PlanExecutor.run(review.plan(), new ChangeContext(google(connection), Optional.of(api), audited),
                    listener, cancelled);
        }
    }

    @Override
    public Optional<String> mergeRequestUrl(GitLabAccess gitlab, FederationSpec spec) throws IOException {
        Optional<FederationSpec.GitLab> g = spec.gitlab();
        if (g.isEmpty() || CiConfigFile.Mode.of(g.get().verificationJob()) != CiConfigFile.Mode.MERGE_REQUEST) {
            return Optional.empty();
        }
        try (GitLabApi api = open(gitlab)) {
            return CiConfigFile.openMergeRequest(api, g.get().project(), g.get().ref()).map(MergeRequest::getWebUrl);
        }
    }
}
