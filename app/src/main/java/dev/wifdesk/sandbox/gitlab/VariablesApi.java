package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.expect;
import static dev.wifdesk.sandbox.gitlab.RestSupport.page;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireRead;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireWrite;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** CI/CD variables of a project or a group: list, create, get, update, delete (Maintainer role, api scope to write). */
final class VariablesApi {
    private static final Set<String> VARIABLE_TYPES = Set.of("env_var", "file");
    static final String AMBIGUOUS_KEY =
            "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'";
    /** GitLab's Ci::Maskable: a masked (expanded) value is 8+ characters of the Base64 alphabet plus {@code @ : . ~}. */
    private static final Pattern MASKABLE = Pattern.compile("[a-zA-Z0-9_+=/@:.~-]{8,}");
    /** ... and a masked raw value 8+ characters with no whitespace. */
    private static final Pattern MASKABLE_RAW = Pattern.compile("\\S{8,}");

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
        CiVariable existing = find(owner, key, r.param("filter[environment_scope]").orElse(null));
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

    /**
     * GitLab's {@code find_variable}: one key may live in several environment scopes; without
     * {@code filter[environment_scope]} such a key is ambiguous and answers 409 (lib/api/helpers/variables_helpers.rb).
     */
    private CiVariable find(String owner, String key, String scope) throws ApiError {
        List<CiVariable> matching = store.variables(owner).stream()
                .filter(v -> v.key().equals(key) && (scope == null || v.environmentScope().equals(scope)))
                .toList();
        if (matching.isEmpty()) {
            throw ApiError.notFound("Variable");
        }
        if (matching.size() > 1) {
            throw ApiError.message(409, AMBIGUOUS_KEY);
        }
        return matching.get(0);
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
        if (masked && !(raw ? MASKABLE_RAW : MASKABLE).matcher(value).matches()) {
            // GitLab refuses values it cannot mask in job logs (format validation: "value is invalid")
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
