package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Resource Manager v3: project get (by ID or number; an unknown project is a 403, as on Google)
 * and the project IAM policy with etags.
 */
final class ResourceManagerApi {
    static final String HOST = "cloudresourcemanager.googleapis.com";
    private static final String PROJECT = "v3/projects/([^/:]+)";

    private final SandboxState state;
    private final Authenticator auth;
    private final Guard guard;
    private final IamPolicies policies;
    private final FaultPlan faults;

    ResourceManagerApi(SandboxState state, Authenticator auth, Guard guard, IamPolicies policies, FaultPlan faults) {
        this.state = state;
        this.auth = auth;
        this.guard = guard;
        this.policies = policies;
        this.faults = faults;
    }

    List<Route> routes() {
        return List.of(
                Route.of(HOST, "GET", PROJECT, "get", this::get),
                Route.of(HOST, "POST", PROJECT + ":getIamPolicy", "getIamPolicy", this::getIamPolicy),
                Route.of(HOST, "POST", PROJECT + ":setIamPolicy", "setIamPolicy", this::setIamPolicy),
                Route.of(HOST, "POST", PROJECT + ":testIamPermissions", "testIamPermissions", this::testIamPermissions));
    }

    private ApiResponse get(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d ->
                guard.project(d, who, req.pathParam(0), "resourcemanager.projects.get").deepCopy()));
    }

    private ApiResponse testIamPermissions(ApiRequest req) {
        Identity who = auth.caller(req);
        ObjectNode body = req.json();
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = Projects.find(d, req.pathParam(0)).orElseThrow(GoogleErrors::callerHasNoPermission);
            return Permissions.granted(body, p -> guard.allowedOnProject(d, who, project, p));
        }));
    }

    private ApiResponse getIamPolicy(ApiRequest req) {
        Identity who = auth.caller(req);
        int version = IamPolicies.requestedVersion(req, req.json()); // body {"options":{"requestedPolicyVersion":3}}
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "resourcemanager.projects.getIamPolicy");
            return IamPolicies.view(IamPolicies.get(d, Projects.policyKey(project)), version);
        }));
    }

    private ApiResponse setIamPolicy(ApiRequest req) {
        Identity who = auth.caller(req);
        ObjectNode body = req.json();
        return ApiResponse.ok(state.write(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "resourcemanager.projects.setIamPolicy");
            return policies.set(d, Projects.policyKey(project), body, faults.concurrentEdit(HOST, "setIamPolicy"));
        }));
    }
}
