package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.expect;
import static dev.wifdesk.sandbox.gitlab.RestSupport.page;

import java.util.List;
import java.util.function.Consumer;

/**
 * The REST v4 subset gitlab4j-api calls, routed to one class per resource (as the Google side's
 * {@code *Api} classes): {@link UsersApi}, projects and groups here, {@link VariablesApi},
 * {@link PipelinesApi}, {@link JobsApi}, {@link RepositoryApi}, {@link MergeRequestsApi}. Paths are relative to {@code /api/v4}.
 */
final class RestRoutes {
    private final GitLabStore store;
    private final GitLabJson json;
    private final Callers callers;
    private final UsersApi users;
    private final VariablesApi variables;
    private final PipelinesApi pipelines;
    private final JobsApi jobs;
    private final RepositoryApi repository;
    private final MergeRequestsApi mergeRequests;

    RestRoutes(GitLabStore store, GitLabJson json, Consumer<PipelineRecord> onPipelineCreated) {
        this.store = store;
        this.json = json;
        this.callers = new Callers(store);
        this.users = new UsersApi(json, callers);
        this.variables = new VariablesApi(store, json);
        this.pipelines = new PipelinesApi(store, json, onPipelineCreated);
        this.jobs = new JobsApi(store, json);
        this.repository = new RepositoryApi(store);
        this.mergeRequests = new MergeRequestsApi(store, json);
    }

    Reply dispatch(ApiRequest r) throws ApiError {
        List<String> s = r.segments;
        if (s.isEmpty()) {
            throw ApiError.noRoute();
        }
        String root = s.get(0);
        if (root.equals("version") && s.size() == 1) {
            return users.version(r);
        }
        if (root.equals("user") && s.size() == 1) {
            return users.user(r);
        }
        if (root.equals("personal_access_tokens") && s.size() == 2 && s.get(1).equals("self")) {
            return users.tokenSelf(r);
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

    /** {@code GET /projects}: what the caller may see, filtered by {@code search} (path or name). */
    private Reply listProjects(ApiRequest r) throws ApiError {
        AccessToken token = callers.optionalToken(r);
        String search = r.param("search").map(String::toLowerCase).orElse(null);
        List<SandboxProject> visible = store.projects().stream()
                .filter(p -> token != null || "public".equals(p.visibility()))
                .filter(p -> search == null || p.pathWithNamespace().toLowerCase().contains(search))
                .toList();
        return page(r, visible, p -> json.project(p, p.forkedFromId() == null ? null
                : store.project(Long.toString(p.forkedFromId())).orElse(null)));
    }

    private Reply project(ApiRequest r, List<String> s) throws ApiError {
        AccessToken token = callers.optionalToken(r);
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
                return variables.variables(r, token, GitLabStore.projectOwner(project.id()), rest);
            case "pipeline":
                if (!rest.isEmpty()) {
                    throw ApiError.noRoute();
                }
                expect(r, "POST");
                return pipelines.createPipeline(r, token, project);
            case "pipelines":
                return pipelines.pipelines(r, token, project, rest);
            case "jobs":
                return jobs.jobs(r, token, project, rest);
            case "repository":
                return repository.repository(r, token, project, rest);
            case "merge_requests":
                return mergeRequests.mergeRequests(r, token, project, rest);
            default:
                throw ApiError.noRoute();
        }
    }

    private Reply group(ApiRequest r, List<String> s) throws ApiError {
        AccessToken token = callers.optionalToken(r);
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
            return variables.variables(r, token, GitLabStore.groupOwner(group.id()), s.subList(2, s.size()));
        }
        throw ApiError.noRoute();
    }
}
