package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.expect;
import static dev.wifdesk.sandbox.gitlab.RestSupport.number;
import static dev.wifdesk.sandbox.gitlab.RestSupport.page;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireRead;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireWrite;
import static dev.wifdesk.sandbox.gitlab.RestSupport.scopes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Pipelines: create (the runner picks it up), list, get, cancel, their variables and jobs. */
final class PipelinesApi {
    private final GitLabStore store;
    private final GitLabJson json;
    private final Consumer<PipelineRecord> onPipelineCreated;

    PipelinesApi(GitLabStore store, GitLabJson json, Consumer<PipelineRecord> onPipelineCreated) {
        this.store = store;
        this.json = json;
        this.onPipelineCreated = onPipelineCreated;
    }

    Reply createPipeline(ApiRequest r, AccessToken token, SandboxProject project) throws ApiError {
        requireWrite(token);
        if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.DEVELOPER)) {
            throw ApiError.forbidden();
        }
        String refName = r.required("ref");
        Map<String, String> variables = pipelineVariables(r);
        ProjectRepository repository = store.repository(project);
        SandboxProject.Ref ref = repository.ref(refName)
                .orElseThrow(() -> ApiError.validation("base", "Reference not found"));
        CiConfig config;
        try {
            config = config(repository, refName).forPipeline(ruleVariables(project, ref, variables));
        } catch (CiConfig.Invalid e) {
            throw ApiError.validation("base", e.getMessage());
        }
        PipelineRecord p = store.createPipeline(project, ref, token.user(), "api", variables, config);
        onPipelineCreated.accept(p);
        return Reply.json(201, store.read(() -> json.pipeline(p)));
    }

    /** The {@code .gitlab-ci.yml} at the head of the ref; GitLab refuses the pipeline when it is missing or invalid. */
    private static CiConfig config(ProjectRepository repository, String refName) throws CiConfig.Invalid {
        String text = repository.head(refName).map(c -> c.files().get(RepositoryFiles.CI_CONFIG_PATH)).orElse(null);
        if (text == null) {
            throw new CiConfig.Invalid("Missing CI config file");
        }
        return CiConfig.parse(text);
    }

    /** What {@code rules: if:} can read when the pipeline is created: the ref's predefined variables, the CI/CD settings, the pipeline's. */
    private Map<String, String> ruleVariables(SandboxProject project, SandboxProject.Ref ref, Map<String, String> variables) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CI_PIPELINE_SOURCE", "api");
        v.put("CI_PROJECT_PATH", project.pathWithNamespace());
        v.put("CI_DEFAULT_BRANCH", project.defaultBranch());
        v.put("CI_COMMIT_SHA", ref.sha());
        v.put("CI_COMMIT_REF_NAME", ref.name());
        v.put("CI_COMMIT_REF_PROTECTED", Boolean.toString(ref.isProtected()));
        v.put(ref.type() == SandboxProject.RefType.TAG ? "CI_COMMIT_TAG" : "CI_COMMIT_BRANCH", ref.name());
        v.putAll(VisibleVariables.of(store, project, ref, variables, null, null));
        return v;
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

    Reply pipelines(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
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
}
