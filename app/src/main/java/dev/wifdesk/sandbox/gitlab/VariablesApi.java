package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.expect;
import static dev.wifdesk.sandbox.gitlab.RestSupport.page;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireRead;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireWrite;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** CI/CD variables of a project or a group: list, create, get, update, delete (Maintainer role, api scope to write). */
final class VariablesApi {
    private static final Set<String> VARIABLE_TYPES = Set.of("env_var", "file");

    private final GitLabStore store;
    private final GitLabJson json;

    VariablesApi(GitLabStore store, GitLabJson json) {
        this.store = store;
        this.json = json;
    }

    Reply variables(ApiRequest r, AccessToken token, String owner, List<String> rest) throws ApiError {
        requireRead(token);
        if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.MAINTAINER)) {
            throw ApiError.forbidden();
        }
        if (rest.isEmpty()) {
            if (r.method.equals("GET")) {
                return page(r, store.variables(owner), json::variable);
            }
            expect(r, "POST");
            requireWrite(token);
            CiVariable v = variableFrom(r, null);
            if (!store.addVariable(owner, v)) {
                throw ApiError.validation("key", "(" + v.key() + ") has already been taken");
            }
            return Reply.json(201, json.variable(v));
        }
        if (rest.size() != 1) {
            throw ApiError.noRoute();
        }
        String key = rest.get(0);
        String scope = r.param("filter[environment_scope]").orElse(null);
        CiVariable existing = store.variable(owner, key, scope).orElseThrow(() -> ApiError.notFound("Variable"));
        switch (r.method) {
            case "GET":
                return Reply.ok(json.variable(existing));
            case "PUT": {
                requireWrite(token);
                CiVariable updated = variableFrom(r, existing);
                switch (store.replaceVariable(owner, existing, updated)) {
                    case TAKEN -> throw ApiError.validation("key", "(" + key + ") has already been taken");
                    case NOT_FOUND -> throw ApiError.notFound("Variable");
                    default -> {
                        return Reply.ok(json.variable(updated));
                    }
                }
            }
            case "DELETE":
                requireWrite(token);
                store.removeVariable(owner, existing);
                return Reply.noContent();
            default:
                throw ApiError.methodNotAllowed();
        }
    }

    private static CiVariable variableFrom(ApiRequest r, CiVariable base) throws ApiError {
        String key = base != null ? base.key() : r.required("key");
        if (!key.matches("[A-Za-z0-9_]{1,255}")) {
            throw ApiError.validation("key",
                    "can contain only letters, digits and '_'.");
        }
        String value = base != null ? r.param("value").orElse(base.value()) : r.required("value");
        String type = r.param("variable_type").orElse(base != null ? base.variableType() : "env_var");
        if (!VARIABLE_TYPES.contains(type)) {
            throw ApiError.paramError("variable_type does not have a valid value");
        }
        boolean isProtected = bool(r, "protected", base != null && base.isProtected());
        boolean masked = bool(r, "masked", base != null && base.masked());
        boolean raw = bool(r, "raw", base != null && base.raw());
        String scope = r.param("environment_scope").filter(x -> !x.isBlank())
                .orElse(base != null ? base.environmentScope() : "*");
        String description = r.param("description").orElse(base != null ? base.description() : null);
        if (masked && (value.length() < 8 || value.contains("\n"))) {
            // GitLab refuses values it cannot mask in job logs
            throw ApiError.validation("value", "is invalid");
        }
        return new CiVariable(key, value, type, isProtected, masked, raw, scope, description);
    }

    private static boolean bool(ApiRequest r, String name, boolean fallback) throws ApiError {
        Optional<String> v = r.param(name);
        if (v.isEmpty() || v.get().isBlank()) {
            return fallback;
        }
        switch (v.get().trim().toLowerCase()) {
            case "true": case "1": case "yes": case "t":
                return true;
            case "false": case "0": case "no": case "f":
                return false;
            default:
                throw ApiError.paramError(name + " is invalid");
        }
    }
}
