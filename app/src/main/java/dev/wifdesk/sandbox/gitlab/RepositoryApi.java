package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.expect;
import static dev.wifdesk.sandbox.gitlab.RestSupport.page;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireRead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project's repository: branches, tags and files ({@code .gitlab-ci.yml}). */
final class RepositoryApi {
    RepositoryApi() {
    }

    Reply repository(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
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
}
