package dev.wifdesk.verify;

import dev.wifdesk.model.SetupValues;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The pipeline layer ({@code --launch run}): a pipeline on the configured ref runs the
 * verification job, which exchanges its ID token, impersonates the account and launches Dataflow.
 */
public interface PipelineCheck {
    /** The layer's checks in order, and the Dataflow job the pipeline launched (if it got that far). */
    record Result(List<CheckResult> checks, Optional<DataflowJob> job) {
        public Result {
            checks = List.copyOf(checks);
        }
    }

    Result run(SetupValues values, VerifyListener listener, BooleanSupplier cancelled);
}
