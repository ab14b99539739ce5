package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Permission checks against the project policy (and a resource's own policy), with the error
 * style of the API asking: IAM answers {@code Permission 'P' denied on resource (or it may not
 * exist).}, Resource Manager and Dataflow {@code The caller does not have permission}. Bindings
 * younger than the IAM propagation delay do not count yet ({@link Propagation}). Runs inside the
 * state lock.
 */
final class Guard {
    private final Authorizer authorizer;
    private final Propagation propagation;
    private final Clock clock;

    Guard(Authorizer authorizer, Propagation propagation, Clock clock) {
        this.authorizer = authorizer;
        this.propagation = propagation;
        this.clock = clock;
    }

    /** The project, when it exists and {@code who} holds {@code permission} on it; else IAM's 403. */
    ObjectNode iamProject(StateData d, Identity who, String projectRef, String permission) {
        ObjectNode project = Projects.find(d, projectRef).orElseThrow(() -> GoogleErrors.iamPermissionDenied(permission));
        if (!allowedOnProject(d, who, project, permission)) {
            throw GoogleErrors.iamPermissionDenied(permission);
        }
        return project;
    }

    /** Same check, with the generic 403 of Resource Manager / Dataflow / Service Usage. */
    ObjectNode project(StateData d, Identity who, String projectRef, String permission) {
        ObjectNode project = Projects.find(d, projectRef).orElseThrow(GoogleErrors::callerHasNoPermission);
        if (!allowedOnProject(d, who, project, permission)) {
            throw GoogleErrors.callerHasNoPermission();
        }
        return project;
    }

    boolean allowedOnProject(StateData d, Identity who, ObjectNode project, String permission) {
        return allowedOnProject(d, who, project, permission, clock.instant());
    }

    /** The project-level check as it will come out at {@code at} (e.g. when a Dataflow job starts). */
    boolean allowedOnProject(StateData d, Identity who, ObjectNode project, String permission, Instant at) {
        return authorizer.allowed(who, permission, List.of(policyAt(d, Projects.policyKey(project), at)), at);
    }

    /** A permission on a resource whose own policy adds to the project's (service accounts). */
    boolean allowedOnResource(StateData d, Identity who, ObjectNode project, String resourcePolicyKey, String permission) {
        Instant now = clock.instant();
        List<ObjectNode> policies = new ArrayList<>();
        policies.add(policyAt(d, resourcePolicyKey, now));
        policies.add(policyAt(d, Projects.policyKey(project), now));
        return authorizer.allowed(who, permission, policies, now);
    }

    private ObjectNode policyAt(StateData d, String key, Instant at) {
        ObjectNode p = IamPolicies.raw(d, key);
        return p == null ? IamPolicies.get(d, key) : propagation.effective(d, key, p, at);
    }
}
