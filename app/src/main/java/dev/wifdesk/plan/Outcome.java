package dev.wifdesk.plan;

/** What a step did when it ran (it re-reads first, so it may differ from the planned {@link Action}). */
public enum Outcome {
    CREATED, UPDATED, UNDELETED, ALREADY_EXISTS;

    /** True when the step changed something. */
    public boolean changed() {
        return this != ALREADY_EXISTS;
    }
}
