package dev.wifdesk.plan;

/** How one step ended. */
public record StepResult(Step step, Outcome outcome) {
}
