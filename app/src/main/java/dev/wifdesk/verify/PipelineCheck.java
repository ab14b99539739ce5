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
    /** The layer's checks in order, the pipeline it ran and the Dataflow job that launched (as far as it got). */
    record Result(List<CheckResult> checks, Optional<DataflowJob> job, Optional<PipelineRun> pipeline) {
        public Result {
            checks = List.copyOf(checks);
        }

        public Result(List<CheckResult> checks, Optional<DataflowJob> job) {
            this(checks, job, Optional.empty());
        }

        Result with(PipelineRun run) {
            return new Result(checks, job, Optional.of(run));
        }
    }

    Result run(SetupValues values, VerifyListener listener, BooleanSupplier cancelled);
}
