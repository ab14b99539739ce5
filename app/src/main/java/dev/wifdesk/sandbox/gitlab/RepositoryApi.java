package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.page;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireRead;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireWrite;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project's repository: branches (list, get, create), tags, and files (get, create, update, delete as commits on a branch). */
final class RepositoryApi {
    private final GitLabStore store;

    RepositoryApi(GitLabStore store) {
        this.store = store;
    }

    Reply repository(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
        requireRead(token);
        ProjectRepository repo = store.repository(project);
        if (rest.size() >= 2 && rest.get(0).equals("files")) {
            return file(r, token, repo, String.join("/", rest.subList(1, rest.size())));
        }
        if (rest.isEmpty() || !(rest.get(0).equals("branches") || rest.get(0).equals("tags"))) {
            throw ApiError.noRoute();
        }
        boolean branches = rest.get(0).equals("branches");
        if (rest.size() == 1 && branches && r.method.equals("POST")) {
            return createBranch(r, token, repo);
        }
        RestSupport.expect(r, "GET");
        if (rest.size() == 1) {
            return page(r, branches ? repo.branchNames() : repo.tagNames(), n -> refJson(repo, n, branches));
        }
        String name = String.join("/", rest.subList(1, rest.size()));
        if (!(branches ? repo.branchNames() : repo.tagNames()).contains(name)) {
            throw ApiError.notFound(branches ? "Branch" : "Tag");
        }
        return Reply.ok(refJson(repo, name, branches));
    }

    /** {@code POST /projects/:id/repository/branches} (branch, ref): 201, or 400 with GitLab's text. */
    private Reply createBranch(ApiRequest r, AccessToken token, ProjectRepository repo) throws ApiError {
        requireWrite(token);
        requireDeveloper(token);
        String name = r.required("branch");
        String ref = r.required("ref");
        repo.createBranch(name, ref);
        return Reply.json(201, refJson(repo, name, true));
    }

    private Reply file(ApiRequest r, AccessToken token, ProjectRepository repo, String path) throws ApiError {
        switch (r.method) {
            case "GET":
            case "HEAD": {
                // GET .../files/:file_path?ref=REF: 400 without ref, 404 for an unknown ref or file
                String refName = r.required("ref");
                ProjectRepository.Commit head = repo.head(refName).orElseThrow(() -> ApiError.notFound("Commit"));
                return Reply.ok(RepositoryFiles.file(path, refName, head).orElseThrow(() -> ApiError.notFound("File")));
            }
            case "POST":
            case "PUT": {
                requireWrite(token);
                requireDeveloper(token);
                boolean create = r.method.equals("POST");
                String branch = r.required("branch");
                String content = content(r);
                String message = r.required("commit_message");
                repo.commitFile(branch, r.param("start_branch").orElse(null), path, content, message, create,
                        token.user().accessLevel().atLeast(SandboxUser.AccessLevel.MAINTAINER), store.clock().instant());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file_path", path);
                m.put("branch", branch);
                return Reply.json(create ? 201 : 200, m);
            }
            case "DELETE": {
                requireWrite(token);
                requireDeveloper(token);
                repo.deleteFile(r.required("branch"), path, r.required("commit_message"),
                        token.user().accessLevel().atLeast(SandboxUser.AccessLevel.MAINTAINER), store.clock().instant());
                return Reply.noContent();
            }
            default:
                throw ApiError.methodNotAllowed();
        }
    }

    /** {@code content} as text, or base64 when {@code encoding=base64}. */
    private static String content(ApiRequest r) throws ApiError {
        String content = r.required("content");
        String encoding = r.param("encoding").orElse("text");
        if (encoding.equals("base64")) {
            try {
                return new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiError.paramError("content is invalid");
            }
        }
        if (!encoding.equals("text")) {
            throw ApiError.paramError("encoding does not have a valid value");
        }
        return content;
    }

    private static void requireDeveloper(AccessToken token) throws ApiError {
        if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.DEVELOPER)) {
            throw ApiError.forbidden();
        }
    }

    private static Map<String, Object> refJson(ProjectRepository repo, String name, boolean branch) {
        SandboxProject.Ref ref = repo.ref(name).orElseThrow();
        ProjectRepository.Commit head = repo.head(name).orElseThrow();
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("id", head.sha());
        commit.put("short_id", head.sha().substring(0, 8));
        commit.put("title", head.message());
        commit.put("message", head.message());
        commit.put("parent_ids", head.parentSha() == null ? List.of() : List.of(head.parentSha()));
        commit.put("created_at", GitLabJson.time(head.createdAt()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("commit", commit);
        m.put("protected", ref.isProtected());
        if (branch) {
            m.put("merged", false);
            m.put("default", name.equals(repo.project().defaultBranch()));
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
