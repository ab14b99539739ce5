package dev.wifdesk.plan;

import java.util.List;
import java.util.Objects;

/**
 * One planned step: its id, the action planned from the observed state, the exact resource, a
 * description a reviewer can check, the field-level diff, the API call it makes and its gcloud
 * equivalent, the ids of the steps it needs first, and the idempotent change that makes it so
 * (it re-reads, so running it again changes nothing).
 */
public record Step(String id, Action action, String resource, String description, List<FieldDiff> diff,
                   String apiCall, String gcloud, List<String> dependsOn, Change change) {
    /** Makes the step's resource as planned; every mutating call goes through {@link ChangeContext#audited()}. */
    @FunctionalInterface
    public interface Change {
        Outcome apply(ChangeContext context) throws Exception;
    }

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(description, "description");
        diff = List.copyOf(diff);
        apiCall = apiCall == null ? "" : apiCall;
        gcloud = gcloud == null ? "" : gcloud;
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(change, "change");
    }

    /** A step without a field diff or command lines (the demo's). */
    public Step(String id, Action action, String resource, String description, List<String> dependsOn, Change change) {
        this(id, action, resource, description, List.of(), "", "", dependsOn, change);
    }

    /** True when the step will change something. */
    public boolean changes() {
        return action != Action.NONE;
    }
}
