package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The REST v4 subset gitlab4j-api calls: projects, CI/CD variables, pipelines, jobs, traces,
 * branches, tags, repository files, the current user. Paths are relative to {@code /api/v4}.
 */
final class RestRoutes {
    private static final Set<String> VARIABLE_TYPES = Set.of("env_var", "file");

    private final GitLabStore store;
    private final GitLabJson json;
    private final Consumer<PipelineRecord> onPipelineCreated;

    RestRoutes(GitLabStore store, GitLabJson json, Consumer<PipelineRecord> onPipelineCreated) {
        this.store = store;
        this.json = json;
        this.onPipelineCreated = onPipelineCreated;
    }

    Reply dispatch(ApiRequest r) throws ApiError {
        List<String> s = r.segments;
        if (s.isEmpty()) {
            throw ApiError.noRoute();
        }
        String root = s.get(0);
        if (root.equals("version") && s.size() == 1) {
            expect(r, "GET");
            authenticate(r);
            return Reply.ok(Map.of("version", "17.5.0-sandbox", "revision", "sandbox"));
        }
        if (root.equals("user") && s.size() == 1) {
            expect(r, "GET");
            return Reply.ok(currentUser(authenticate(r).user()));
        }
        if (root.equals("personal_access_tokens") && s.size() == 2 && s.get(1).equals("self")) {
            expect(r, "GET");
            return Reply.ok(tokenSelf(authenticate(r)));
        }
        if (root.equals("projects") && s.size() == 1) {
            expect(r, "GET");
            return listProjects(r);
        }
        if (root.equals("projects") && s.size() >= 2) {
            return project(r, s.subList(1, s.size()));
        }
        if (root.equals("groups") && s.size() >= 2) {
            return group(r, s.subList(1, s.size()));
        }
        throw ApiError.noRoute();
    }

    /** {@code GET /personal_access_tokens/self}: lets a client check its token's scopes before it needs them. */
    private static Map<String, Object> tokenSelf(AccessToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 100 + t.user().id());
        m.put("name", "wifdesk-sandbox");
        m.put("revoked", false);
        m.put("created_at", "2026-01-05T09:00:00.000Z");
        m.put("description", "Sandbox personal access token");
        m.put("scopes", t.scopes().stream().sorted().toList());
        m.put("user_id", t.user().id());
        m.put("last_used_at", null);
        m.put("active", true);
        m.put("expires_at", "2027-01-05");
        return m;
    }

    /** {@code GET /projects}: what the caller may see, filtered by {@code search} (path or name). */
    private Reply listProjects(ApiRequest r) throws ApiError {
        AccessToken token = optionalToken(r);
        String search = r.param("search").map(String::toLowerCase).orElse(null);
        List<SandboxProject> visible = store.projects().stream()
                .filter(p -> token != null || "public".equals(p.visibility()))
                .filter(p -> search == null || p.pathWithNamespace().toLowerCase().contains(search))
                .toList();
        return page(r, visible, p -> json.project(p, p.forkedFromId() == null ? null
                : store.project(Long.toString(p.forkedFromId())).orElse(null)));
    }

    private Reply project(ApiRequest r, List<String> s) throws ApiError {
        AccessToken token = optionalToken(r);
        SandboxProject project = store.project(s.get(0)).orElseThrow(() -> ApiError.notFound("Project"));
        if (token == null && !"public".equals(project.visibility())) {
            // GitLab hides private projects from anonymous callers instead of asking for a login
            throw ApiError.notFound("Project");
        }
        if (s.size() == 1) {
            expect(r, "GET");
            SandboxProject parent = project.forkedFromId() == null ? null
                    : store.project(Long.toString(project.forkedFromId())).orElse(null);
            return Reply.ok(json.project(project, parent));
        }
        if (token == null) {
            throw ApiError.unauthorized();
        }
        String what = s.get(1);
        List<String> rest = s.subList(2, s.size());
        switch (what) {
            case "variables":
                return variables(r, token, GitLabStore.projectOwner(project.id()), rest);
            case "pipeline":
                if (!rest.isEmpty()) {
                    throw ApiError.noRoute();
                }
                expect(r, "POST");
                return createPipeline(r, token, project);
            case "pipelines":
                return pipelines(r, token, project, rest);
            case "jobs":
                return jobs(r, token, project, rest);
            case "repository":
                return repository(r, token, project, rest);
            default:
                throw ApiError.noRoute();
        }
    }

    private Reply group(ApiRequest r, List<String> s) throws ApiError {
        AccessToken token = optionalToken(r);
        SandboxGroup group = store.group(s.get(0)).orElseThrow(() -> ApiError.notFound("Group"));
        if (token == null && !"public".equals(group.visibility())) {
            throw ApiError.notFound("Group");
        }
        if (s.size() == 1) {
            expect(r, "GET");
            return Reply.ok(json.group(group));
        }
        if (token == null) {
            throw ApiError.unauthorized();
        }
        if (s.get(1).equals("variables")) {
            return variables(r, token, GitLabStore.groupOwner(group.id()), s.subList(2, s.size()));
        }
        throw ApiError.noRoute();
    }

    // ---- variables of a project or a group (Maintainer role, api scope to write)

    private Reply variables(ApiRequest r, AccessToken token, String owner, List<String> rest) throws ApiError {
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

    // ---- pipelines

    private Reply createPipeline(ApiRequest r, AccessToken token, SandboxProject project) throws ApiError {
        requireWrite(token);
        if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.DEVELOPER)) {
            throw ApiError.forbidden();
        }
        String refName = r.required("ref");
        Map<String, String> variables = pipelineVariables(r);
        SandboxProject.Ref ref = project.ref(refName)
                .orElseThrow(() -> ApiError.validation("base", "Reference not found"));
        PipelineRecord p = store.createPipeline(project, ref, token.user(), "api", variables);
        onPipelineCreated.accept(p);
        return Reply.json(201, store.read(() -> json.pipeline(p)));
    }

    /** {@code variables} as JSON {@code [{"key","value"}]}, or form style {@code variables[0][key]=...}. */
    private static Map<String, String> pipelineVariables(ApiRequest r) throws ApiError {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode list = r.json == null ? null : r.json.get("variables");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ApiError.paramError("variables is invalid");
            }
            for (JsonNode v : list) {
                if (!v.isObject() || !v.hasNonNull("key") || !v.get("key").isValueNode()) {
                    throw ApiError.paramError("variables[key] is missing");
                }
                out.put(v.get("key").asText(), v.hasNonNull("value") ? v.get("value").asText() : "");
            }
            return out;
        }
        for (int i = 0; r.params.containsKey("variables[" + i + "][key]"); i++) {
            out.put(r.params.get("variables[" + i + "][key]"), r.params.getOrDefault("variables[" + i + "][value]", ""));
        }
        return out;
    }

    private Reply pipelines(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
        requireRead(token);
        if (rest.size() == 2 && rest.get(1).equals("cancel")) {
            expect(r, "POST");
            requireWrite(token);
            if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.DEVELOPER)) {
                throw ApiError.forbidden();
            }
            PipelineRecord p = store.pipeline(project.id(), number(rest.get(0), "Pipeline"))
                    .orElseThrow(() -> ApiError.notFound("Pipeline"));
            store.cancel(p);
            return Reply.ok(store.read(() -> json.pipeline(p)));
        }
        expect(r, "GET");
        if (rest.isEmpty()) {
            List<PipelineRecord> all = store.pipelines(project.id());
            Optional<String> status = r.param("status");
            Optional<String> ref = r.param("ref");
            List<PipelineRecord> filtered = store.read(() -> all.stream()
                    .filter(p -> status.isEmpty() || status.get().equals(p.status))
                    .filter(p -> ref.isEmpty() || ref.get().equals(p.ref.name())).toList());
            return page(r, filtered, p -> store.read(() -> json.pipeline(p)));
        }
        PipelineRecord p = store.pipeline(project.id(), number(rest.get(0), "Pipeline"))
                .orElseThrow(() -> ApiError.notFound("Pipeline"));
        if (rest.size() == 1) {
            return Reply.ok(store.read(() -> json.pipeline(p)));
        }
        if (rest.size() == 2 && rest.get(1).equals("variables")) {
            List<Map<String, Object>> vars = new ArrayList<>();
            p.variables.forEach((k, v) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", k);
                m.put("variable_type", "env_var");
                m.put("value", v);
                vars.add(m);
            });
            return Reply.ok(vars);
        }
        if (rest.size() == 2 && rest.get(1).equals("jobs")) {
            List<String> scopes = scopes(r);
            List<JobRecord> jobs = store.read(() -> p.jobs.stream()
                    .filter(j -> scopes.isEmpty() || scopes.contains(j.status)).toList());
            return page(r, jobs, j -> store.read(() -> json.job(j)));
        }
        throw ApiError.noRoute();
    }

    // ---- jobs and traces

    private Reply jobs(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
        requireRead(token);
        expect(r, "GET");
        if (rest.isEmpty()) {
            List<String> scopes = scopes(r);
            List<JobRecord> jobs = store.read(() -> store.jobs(project.id()).stream()
                    .filter(j -> scopes.isEmpty() || scopes.contains(j.status)).toList());
            return page(r, jobs, j -> store.read(() -> json.job(j)));
        }
        JobRecord job = store.job(project.id(), number(rest.get(0), "Job")).orElseThrow(() -> ApiError.notFound("Job"));
        if (rest.size() == 1) {
            return Reply.ok(store.read(() -> json.job(job)));
        }
        if (rest.size() == 2 && rest.get(1).equals("trace")) {
            return Reply.text(store.read(job.trace::toString));
        }
        throw ApiError.noRoute();
    }

    /** {@code scope[]=failed&scope[]=success} (gitlab4j) or {@code scope=failed}. */
    private static List<String> scopes(ApiRequest r) {
        List<String> out = new ArrayList<>();
        String query = r.exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String k = ApiRequest.decode(pair.substring(0, eq));
                    if (k.equals("scope") || k.equals("scope[]")) {
                        out.add(ApiRequest.decode(pair.substring(eq + 1)));
                    }
                }
            }
        }
        return out;
    }

    // ---- repository: branches and tags

    private Reply repository(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
        requireRead(token);
        expect(r, "GET");
        if (rest.size() >= 2 && rest.get(0).equals("files")) {
            return repositoryFile(r, project, String.join("/", rest.subList(1, rest.size())));
        }
        if (rest.isEmpty() || !(rest.get(0).equals("branches") || rest.get(0).equals("tags"))) {
            throw ApiError.noRoute();
        }
        boolean branches = rest.get(0).equals("branches");
        Map<String, Boolean> refs = branches ? project.branches() : project.tags();
        if (rest.size() == 1) {
            List<String> names = refs.keySet().stream().sorted().toList();
            return page(r, names, n -> refJson(project, n, branches));
        }
        String name = String.join("/", rest.subList(1, rest.size()));
        if (!refs.containsKey(name)) {
            throw ApiError.notFound(branches ? "Branch" : "Tag");
        }
        return Reply.ok(refJson(project, name, branches));
    }

    /** {@code GET /projects/:id/repository/files/:file_path?ref=REF}: 400 without ref, 404 for an unknown ref or file. */
    private static Reply repositoryFile(ApiRequest r, SandboxProject project, String path) throws ApiError {
        String refName = r.required("ref");
        SandboxProject.Ref ref = project.ref(refName).orElseThrow(() -> ApiError.notFound("Commit"));
        return Reply.ok(RepositoryFiles.file(project, path, ref).orElseThrow(() -> ApiError.notFound("File")));
    }

    private Map<String, Object> refJson(SandboxProject project, String name, boolean branch) {
        SandboxProject.Ref ref = project.ref(name).orElseThrow();
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("id", ref.sha());
        commit.put("short_id", ref.sha().substring(0, 8));
        commit.put("title", "Sandbox commit on " + name);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("commit", commit);
        m.put("protected", ref.isProtected());
        if (branch) {
            m.put("merged", false);
            m.put("default", name.equals(project.defaultBranch()));
            m.put("developers_can_push", !ref.isProtected());
            m.put("developers_can_merge", !ref.isProtected());
            m.put("can_push", true);
        } else {
            m.put("target", ref.sha());
            m.put("message", "");
        }
        return m;
    }

    // ---- helpers

    private Map<String, Object> currentUser(SandboxUser u) {
        Map<String, Object> m = json.user(u);
        m.put("email", u.email());
        m.put("public_email", u.email());
        return m;
    }

    /** The caller's token from {@code PRIVATE-TOKEN} or {@code Authorization: Bearer}; bad ones are a 401. */
    private AccessToken optionalToken(ApiRequest r) throws ApiError {
        String secret = r.header("PRIVATE-TOKEN");
        if (secret == null) {
            String auth = r.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                secret = auth.substring(7).trim();
            } else if (auth != null) {
                throw ApiError.unauthorized();
            }
        }
        if (secret == null) {
            return null;
        }
        return store.token(secret.trim()).orElseThrow(ApiError::unauthorized);
    }

    private AccessToken authenticate(ApiRequest r) throws ApiError {
        AccessToken t = optionalToken(r);
        if (t == null) {
            throw ApiError.unauthorized();
        }
        return t;
    }

    private static void requireRead(AccessToken t) throws ApiError {
        if (!t.canRead()) {
            throw ApiError.insufficientScope();
        }
    }

    private static void requireWrite(AccessToken t) throws ApiError {
        if (!t.canWrite()) {
            throw ApiError.insufficientScope();
        }
    }

    private static void expect(ApiRequest r, String method) throws ApiError {
        if (!r.method.equals(method)) {
            throw ApiError.methodNotAllowed();
        }
    }

    private static long number(String segment, String what) throws ApiError {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            throw ApiError.notFound(what);
        }
    }

    /** One page of {@code items} with GitLab's pagination headers (what gitlab4j's Pager reads). */
    private static <T> Reply page(ApiRequest r, List<T> items, Function<T, Object> render) throws ApiError {
        int perPage = r.intParam("per_page", 20, 100);
        int page = r.intParam("page", 1, Integer.MAX_VALUE);
        int total = items.size();
        int totalPages = Math.max(1, (total + perPage - 1) / perPage);
        int from = (int) Math.min((long) (page - 1) * perPage, total);
        int to = Math.min(from + perPage, total);
        List<Object> out = new ArrayList<>();
        for (T item : items.subList(from, to)) {
            out.add(render.apply(item));
        }
        return Reply.ok(out)
                .withHeader("X-Page", Integer.toString(page))
                .withHeader("X-Per-Page", Integer.toString(perPage))
                .withHeader("X-Total", Integer.toString(total))
                .withHeader("X-Total-Pages", Integer.toString(totalPages))
                .withHeader("X-Next-Page", page < totalPages ? Integer.toString(page + 1) : "")
                .withHeader("X-Prev-Page", page > 1 ? Integer.toString(page - 1) : "");
    }
}
