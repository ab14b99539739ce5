package dev.wifdesk.ui.setup;

import dev.wifdesk.plan.Action;

/** What an id the user typed is held by today. */
public enum IdState {
    /** nothing: the setup creates it */
    FREE,
    /** an active resource: the setup keeps it and updates what differs */
    TAKEN,
    /** a soft-deleted resource (kept 30 days): undelete it, or choose a fresh id */
    SOFT_DELETED;

    /** From the action the plan engine would plan for the id. */
    public static IdState of(Action action) {
        return switch (action) {
            case CREATE -> FREE;
            case UNDELETE -> SOFT_DELETED;
            default -> TAKEN;
        };
    }
}
