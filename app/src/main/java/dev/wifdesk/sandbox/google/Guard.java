package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Permission checks against the project policy (and a resource's own policy), with the error
 * style of the API asking: IAM answers {@code Permission 'P' denied on resource (or it may not
 * exist).}, Resource Manager and Dataflow {@code The caller does not have permission}. Runs inside
 * the state lock.
 */
final class Guard {
    private final Authorizer authorizer;

    Guard(Authorizer authorizer) {
        this.authorizer = authorizer;
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
        return authorizer.allowed(who, permission, List.of(policyOrEmpty(d, Projects.policyKey(project))));
    }

    /** A permission on a resource whose own policy adds to the project's (service accounts). */
    boolean allowedOnResource(StateData d, Identity who, ObjectNode project, String resourcePolicyKey, String permission) {
        List<ObjectNode> policies = new ArrayList<>();
        policies.add(policyOrEmpty(d, resourcePolicyKey));
        policies.add(policyOrEmpty(d, Projects.policyKey(project)));
        return authorizer.allowed(who, permission, policies);
    }

    private static ObjectNode policyOrEmpty(StateData d, String key) {
        ObjectNode p = IamPolicies.raw(d, key);
        return p == null ? IamPolicies.get(d, key) : p;
    }
}
