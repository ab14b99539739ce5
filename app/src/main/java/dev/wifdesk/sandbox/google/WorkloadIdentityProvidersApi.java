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
 * IAM v1 workload identity pool providers (OIDC): create / get / list / patch / delete /
 * undelete as long-running operations, checked by {@link ProviderRules}.
 */
final class WorkloadIdentityProvidersApi {
    static final String HOST = WorkloadIdentityPoolsApi.HOST;
    static final String PROVIDER_TYPE = "type.googleapis.com/google.iam.v1.WorkloadIdentityPoolProvider";
    private static final String PROVIDERS = "v1/projects/([^/]+)/locations/global/workloadIdentityPools/([^/:]+)/providers";
    private static final String PROVIDER = PROVIDERS + "/([^/:]+)";
    private static final List<String> TOP_FIELDS = List.of("displayName", "description", "disabled",
            "attributeMapping", "attributeCondition", "oidc");
    private static final Map<String, String> MASK = Map.ofEntries(
            Map.entry("display_name", "displayName"), Map.entry("displayName", "displayName"),
            Map.entry("description", "description"), Map.entry("disabled", "disabled"),
            Map.entry("attribute_mapping", "attributeMapping"), Map.entry("attributeMapping", "attributeMapping"),
            Map.entry("attribute_condition", "attributeCondition"), Map.entry("attributeCondition", "attributeCondition"),
            Map.entry("oidc", "oidc"),
            Map.entry("oidc.issuer_uri", "oidc.issuerUri"), Map.entry("oidc.issuerUri", "oidc.issuerUri"),
            Map.entry("oidc.allowed_audiences", "oidc.allowedAudiences"),
            Map.entry("oidc.allowedAudiences", "oidc.allowedAudiences"),
            Map.entry("oidc.jwks_json", "oidc.jwksJson"), Map.entry("oidc.jwksJson", "oidc.jwksJson"));

    private final SandboxState state;
    private final Authenticator auth;
    private final Guard guard;
    private final Operations operations;
    private final ProviderRules rules;

    WorkloadIdentityProvidersApi(SandboxState state, Authenticator auth, Guard guard, Operations operations,
                                 ProviderRules rules) {
        this.state = state;
        this.auth = auth;
        this.guard = guard;
        this.operations = operations;
        this.rules = rules;
    }

    List<Route> routes() {
        return List.of(
                Route.of(HOST, "POST", PROVIDERS, "create", this::create),
                Route.of(HOST, "GET", PROVIDERS, "list", this::list),
                Route.of(HOST, "GET", PROVIDER, "get", this::get),
                Route.of(HOST, "PATCH", PROVIDER, "patch", this::patch),
                Route.of(HOST, "DELETE", PROVIDER, "delete", this::delete),
                Route.of(HOST, "POST", PROVIDER + ":undelete", "undelete", this::undelete),
                Route.of(HOST, "GET", PROVIDER + "/operations/([^/]+)", "get", this::operation));
    }

    private ApiResponse create(ApiRequest req) {
        Identity who = auth.caller(req);
        // authorization before validation (AIP-211): the permission first, then the request's content
        state.read(d -> guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPoolProviders.create"));
        String providerId = IdRules.poolOrProviderId("workloadIdentityPoolProviderId",
                req.query("workloadIdentityPoolProviderId").orElse(null));
        ObjectNode body = req.json();
        ObjectNode provider = JsonNodeFactory.instance.objectNode();
        for (String f : TOP_FIELDS) {
            SoftDelete.copyField(provider, body, f);
        }
        rules.validate(provider);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPoolProviders.create");
            ObjectNode pool = pool(d, project, req.pathParam(1));
            SoftDelete.requireNotDeleted(pool);
            String name = ResourceNames.providerName(Projects.number(project), req.pathParam(1), providerId);
            if (d.providers.containsKey(name)) {
                throw GoogleErrors.alreadyExists(ErrorTexts.ALREADY_EXISTS);
            }
            ObjectNode stored = JsonNodeFactory.instance.objectNode();
            stored.put("name", name);
            stored.setAll(provider);
            stored.put("state", "ACTIVE");
            d.providers.put(name, stored);
            return operations.start(d, name, name, PROVIDER_TYPE, null, state.now());
        }));
    }

    private ApiResponse get(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> existing(d, who, req, "iam.workloadIdentityPoolProviders.get").deepCopy()));
    }

    private ApiResponse list(ApiRequest req) {
        Identity who = auth.caller(req);
        boolean showDeleted = req.query("showDeleted").map(Boolean::parseBoolean).orElse(false);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPoolProviders.list");
            pool(d, project, req.pathParam(1));
            String prefix = ResourceNames.poolName(Projects.number(project), req.pathParam(1)) + "/providers/";
            List<ObjectNode> providers = d.providers.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue)
                    .filter(p -> showDeleted || !SoftDelete.isDeleted(p))
                    .toList();
            return Paging.page(providers, req, "workloadIdentityPoolProviders");
        }));
    }

    private ApiResponse patch(ApiRequest req) {
        Identity who = auth.caller(req);
        // authorization before validation (AIP-211): the permission first, then the request's content
        state.read(d -> guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPoolProviders.update"));
        Set<String> fields = SoftDelete.mask(req, MASK);
        ObjectNode body = req.json();
        return ApiResponse.ok(state.write(d -> {
            ObjectNode provider = existing(d, who, req, "iam.workloadIdentityPoolProviders.update");
            SoftDelete.requireNotDeleted(provider);
            ObjectNode updated = provider.deepCopy();
            for (String f : fields) {
                if (f.startsWith("oidc.")) {
                    String sub = f.substring("oidc.".length());
                    ObjectNode oidc = updated.has("oidc") ? (ObjectNode) updated.get("oidc") : updated.putObject("oidc");
                    SoftDelete.copyField(oidc, body.path("oidc"), sub);
                } else {
                    SoftDelete.copyField(updated, body, f);
                }
            }
            rules.validate(updated);
            String name = provider.get("name").asText();
            d.providers.put(name, updated);
            return operations.start(d, name, name, PROVIDER_TYPE, null, state.now());
        }));
    }

    private ApiResponse delete(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode provider = existing(d, who, req, "iam.workloadIdentityPoolProviders.delete");
            Instant now = state.now();
            SoftDelete.delete(provider, now);
            String name = provider.get("name").asText();
            return operations.start(d, name, name, PROVIDER_TYPE, null, now);
        }));
    }

    private ApiResponse undelete(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode provider = existing(d, who, req, "iam.workloadIdentityPoolProviders.undelete");
            SoftDelete.undelete(provider);
            String name = provider.get("name").asText();
            return operations.start(d, name, name, PROVIDER_TYPE, null, state.now());
        }));
    }

    private ApiResponse operation(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.workloadIdentityPoolProviders.get");
            String name = ResourceNames.providerName(Projects.number(project), req.pathParam(1), req.pathParam(2))
                    + "/operations/" + req.pathParam(3);
            ObjectNode op = operations.find(d, name, state.now());
            if (op == null) {
                throw GoogleErrors.notFound();
            }
            return op;
        }));
    }

    private static ObjectNode pool(StateData d, ObjectNode project, String poolId) {
        ObjectNode pool = d.pools.get(ResourceNames.poolName(Projects.number(project), poolId));
        if (pool == null) {
            throw GoogleErrors.notFound();
        }
        return pool;
    }

    private ObjectNode existing(StateData d, Identity who, ApiRequest req, String permission) {
        ObjectNode project = guard.iamProject(d, who, req.pathParam(0), permission);
        pool(d, project, req.pathParam(1));
        ObjectNode provider = d.providers.get(
                ResourceNames.providerName(Projects.number(project), req.pathParam(1), req.pathParam(2)));
        if (provider == null) {
            throw GoogleErrors.notFound();
        }
        return provider;
    }
}
