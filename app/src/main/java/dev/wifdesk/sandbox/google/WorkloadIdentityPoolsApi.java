package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.ResourceNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM v1 workload identity pools: create / get / list / patch / delete / undelete (mutations are
 * long-running operations) and their operations. Names always carry the project number.
 */
final class WorkloadIdentityPoolsApi {
    static final String HOST = ResourceNames.IAM_HOST;
    static final String POOL_TYPE = "type.googleapis.com/google.iam.v1.WorkloadIdentityPool";
    private static final String POOLS = "v1/projects/([^/]+)/locations/global/workloadIdentityPools";
    private static final String POOL = POOLS + "/([^/:]+)";
    private static final Map<String, String> MASK = Map.of(
            "display_name", "displayName", "displayName", "displayName",
            "description", "description", "disabled", "disabled");

    private final SandboxState state;
    private final Authenticator auth;
    private final Guard guard;
    private final Operations operations;

    WorkloadIdentityPoolsApi(SandboxState state, Authenticator auth, Guard guard, Operations operations) {
        this.state = state;
        this.auth = auth;
        this.guard = guard;
        this.operations = operations;
    }

    List<Route> routes() {
        return List.of(
                Route.of(HOST, "POST", POOLS, "create", this::create),
                Route.of(HOST, "GET", POOLS, "list", this::list),
                Route.of(HOST, "GET", POOL, "get", this::get),
                Route.of(HOST, "PATCH", POOL, "patch", this::patch),
                Route.of(HOST, "DELETE", POOL, "delete", this::delete),
                Route.of(HOST, "POST", POOL + ":undelete", "undelete", this::undelete),
                Route.of(HOST, "GET", POOL + "/operations/([^/]+)", "get", this::operation));
    }

    private ApiResponse create(ApiRequest req) {
        Identity who = auth.caller(req);
        // authorization before validation (AIP-211): the permission first, then the request's content
        state.read(d -> guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPools.create"));
        String poolId = IdRules.poolOrProviderId("workloadIdentityPoolId", req.query("workloadIdentityPoolId").orElse(null));
        ObjectNode body = req.json();
        IdRules.texts(body);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPools.create");
            String name = ResourceNames.poolName(Projects.number(project), poolId);
            if (d.pools.containsKey(name)) {
                throw GoogleErrors.alreadyExists(ErrorTexts.ALREADY_EXISTS);
            }
            ObjectNode pool = JsonNodeFactory.instance.objectNode();
            pool.put("name", name);
            for (String f : List.of("displayName", "description", "disabled")) {
                SoftDelete.copyField(pool, body, f);
            }
            pool.put("state", "ACTIVE");
            if (body.hasNonNull("mode")) {
                pool.put("mode", body.get("mode").asText());
            }
            d.pools.put(name, pool);
            return operations.start(d, name, name, POOL_TYPE, null, state.now());
        }));
    }

    private ApiResponse get(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> existing(d, who, req, "iam.workloadIdentityPools.get").deepCopy()));
    }

    private ApiResponse list(ApiRequest req) {
        Identity who = auth.caller(req);
        boolean showDeleted = req.query("showDeleted").map(Boolean::parseBoolean).orElse(false);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPools.list");
            String prefix = ResourceNames.poolName(Projects.number(project), "");
            List<ObjectNode> pools = d.pools.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue)
                    .filter(p -> showDeleted || !SoftDelete.isDeleted(p))
                    .toList();
            return Paging.page(pools, req, "workloadIdentityPools");
        }));
    }

    private ApiResponse patch(ApiRequest req) {
        Identity who = auth.caller(req);
        // authorization before validation (AIP-211): the permission first, then the request's content
        state.read(d -> guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPools.update"));
        Set<String> fields = SoftDelete.mask(req, MASK);
        ObjectNode body = req.json();
        IdRules.texts(body);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode pool = existing(d, who, req, "iam.workloadIdentityPools.update");
            SoftDelete.requireNotDeleted(pool);
            fields.forEach(f -> SoftDelete.copyField(pool, body, f));
            return operations.start(d, pool.get("name").asText(), pool.get("name").asText(), POOL_TYPE, null, state.now());
        }));
    }

    private ApiResponse delete(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode pool = existing(d, who, req, "iam.workloadIdentityPools.delete");
            Instant now = state.now();
            SoftDelete.delete(pool, now);
            return operations.start(d, pool.get("name").asText(), pool.get("name").asText(), POOL_TYPE, null, now);
        }));
    }

    private ApiResponse undelete(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode pool = existing(d, who, req, "iam.workloadIdentityPools.undelete");
            SoftDelete.undelete(pool);
            return operations.start(d, pool.get("name").asText(), pool.get("name").asText(), POOL_TYPE, null, state.now());
        }));
    }

    private ApiResponse operation(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPools.get");
            String name = ResourceNames.poolName(Projects.number(project), req.pathParam(1)) + "/operations/" + req.pathParam(2);
            ObjectNode op = operations.find(d, name, state.now());
            if (op == null) {
                throw GoogleErrors.notFound();
            }
            return op;
        }));
    }

    /** The stored pool named by path params 0 (project) and 1 (pool id), or 404. */
    private ObjectNode existing(StateData d, Identity who, ApiRequest req, String permission) {
        ObjectNode project = guard.iamProject(d, who, req.pathParam(0), permission);
        ObjectNode pool = d.pools.get(ResourceNames.poolName(Projects.number(project), req.pathParam(1)));
        if (pool == null) {
            throw GoogleErrors.notFound();
        }
        return pool;
    }
}
