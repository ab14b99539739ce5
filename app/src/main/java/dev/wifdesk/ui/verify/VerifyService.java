package dev.wifdesk.ui.verify;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What the Verify screen needs of the engines (a port: the app plugs in {@link EngineVerifyService},
 * view-model tests a hand-written double). Every method does I/O and runs in a {@code Work}, never
 * on the FX thread. Only {@link #applyFix} changes anything.
 */
public interface VerifyService {
    /** Reads and validates a spec file; a bad one throws with the field and the rule in its message. */
    FederationSpec load(Path file) throws Exception;

    /** Runs the verification (blocking; progress to the listener; a cancel is seen within a second). */
    VerifyReport verify(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec, LaunchMode mode,
                        VerifyListener listener, BooleanSupplier cancelled) throws Exception;

    /** Plans the spec again with the setup planner and runs only the steps {@code stepIds} name (and their dependencies). */
    PlanRun applyFix(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec, Set<String> stepIds,
                     BooleanSupplier cancelled) throws Exception;
}
