package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.ui.connection.Connection;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the wizard needs of the setup engine (a port: the app plugs in {@link EngineSetupService},
 * view-model tests a hand-written double). Every method does I/O and runs in a {@code Work}, never
 * on the FX thread. Only {@link #apply} changes anything.
 */
public interface SetupService {
    /** The project's number and the APIs the setup needs that are not enabled yet. */
    ProjectSummary project(Connection connection, String projectId) throws IOException;

    /** Whether a pool id is free, taken or held by a soft-deleted pool. */
    IdState poolState(Connection connection, String projectNumber, String poolId) throws IOException;

    /** Whether a provider id in that pool is free, taken or held by a soft-deleted provider. */
    IdState providerState(Connection connection, String projectNumber, String poolId, String providerId)
            throws IOException;

    /** Observes the current state and plans the spec against it (reads only). */
    SetupReview review(Connection connection, GitLabAccess gitlab, FederationSpec spec) throws IOException;

    /** Runs exactly the reviewed plan; a cancel is honoured between steps. */
    PlanRun apply(Connection connection, GitLabAccess gitlab, SetupReview review, PlanExecutor.Listener listener,
                  BooleanSupplier cancelled) throws Exception;

    /**
     * The web URL of the open merge request that carries the verification job (spec mode
     * {@code merge-request}), for the user to review and merge; empty when there is none (reads only).
     */
    default Optional<String> mergeRequestUrl(GitLabAccess gitlab, FederationSpec spec) throws IOException {
        return Optional.empty();
    }
}
