package dev.wifdesk.ui.rotation;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.rotate.RotationRefused;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the Rotation screen needs of the rotation engine (a port: the app plugs in
 * {@link EngineRotationService}, view-model tests a double). Every method does I/O and runs in a
 * {@code Work}, never on the FX thread. Only {@link #run} changes anything (and {@link #verify} runs a pipeline).
 */
public interface RotationService {
    /** How a phase is planned: the choices the CLI offers as options. */
    record Options(Duration grace, boolean copyUnmanagedBindings, boolean overwriteChangedVariables) {
    }

    /** Every pool of the spec's project with age, state, due date and who points at it (reads only). */
    List<PoolStatus> pools(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec, Duration policy)
            throws Exception;

    /** Plans one phase from the live state (reads only); refused when it cannot run now. */
    RotationReview plan(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec,
                        RotationPlan.Phase phase, Options options) throws RotationRefused, Exception;

    /** Runs exactly the reviewed plan; a cancel is honoured between steps. */
    PlanRun run(Connection connection, Optional<GitLabAccess> gitlab, RotationReview review,
                PlanExecutor.Listener listener, BooleanSupplier cancelled) throws Exception;

    /**
     * After the reviewed phase ran: verifies the path it left live as {@code wifdesk rotate} does
     * ({@code rotate.PhaseVerification}); empty when the phase has no verification (retire).
     */
    Optional<VerifyReport> verify(Connection connection, Optional<GitLabAccess> gitlab, RotationReview review,
                                  VerifyListener listener, BooleanSupplier cancelled) throws Exception;
}
