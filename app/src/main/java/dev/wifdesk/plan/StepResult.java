package dev.wifdesk.plan;

import java.util.Optional;

/** How one step ended: done with its outcome, or failed with the exception (then outcome is empty). */
public record StepResult(Step step, Optional<Outcome> result, Optional<Exception> error) {
    public StepResult(Step step, Outcome outcome) {
        this(step, Optional.of(outcome), Optional.empty());
    }

    public static StepResult failed(Step step, Exception error) {
        return new StepResult(step, Optional.empty(), Optional.of(error));
    }

    public boolean failed() {
        return error.isPresent();
    }

    /** What the step did; {@link Outcome#ALREADY_EXISTS} is never reported for a failed step, which throws. */
    public Outcome outcome() {
        return result.orElseThrow(() -> new IllegalStateException("step " + step.id() + " failed"));
    }

    /** True when the step changed something. */
    public boolean changed() {
        return result.map(Outcome::changed).orElse(false);
    }

    /** CLI.md's status word: done or failed. */
    public String status() {
        return failed() ? "failed" : "done";
    }
}
