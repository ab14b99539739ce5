package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.number;
import static dev.wifdesk.sandbox.gitlab.RestSupport.page;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireRead;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireWrite;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merge requests of a project: create (one open MR per source branch: 409 otherwise), list (filters
 * {@code state}, {@code source_branch}, {@code target_branch}), get by iid, close / reopen
 * ({@code state_event}), and merge (the target branch gets the source's changes as a new commit).
 */
final class MergeRequestsApi {
    private final GitLabStore store;
    private final GitLabJson json;
    private final String webBase;

    MergeRequestsApi(GitLabStore store, GitLabJson json) {
        this.store = store;
        this.json = json;
        this.webBase = json.webBase();
    }

    Reply mergeRequests(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
        requireRead(token);
        ProjectRepository repo = store.repository(project);
        if (rest.isEmpty()) {
            if (r.method.equals("POST")) {
                return create(r, token, repo);
            }
            RestSupport.expect(r, "GET");
            return list(r, repo);
        }
        long iid = number(rest.get(0), "Merge Request");
        MergeRequestRecord mr = repo.mergeRequests().stream().filter(m -> m.iid == iid).findFirst()
                .orElseThrow(() -> ApiError.notFound("Merge Request"));
        if (rest.size() == 1 && r.method.equals("PUT")) {
            return update(r, token, repo, mr);
        }
        if (rest.size() == 1) {
            RestSupport.expect(r, "GET");
            return Reply.ok(render(repo, mr));
        }
        if (rest.size() == 2 && rest.get(1).equals("merge")) {
            RestSupport.expect(r, "PUT");
            return merge(r, token, repo, mr);
        }
        throw ApiError.noRoute();
    }

    private Reply create(ApiRequest r, AccessToken token, ProjectRepository repo) throws ApiError {
        requireWrite(token);
        if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.DEVELOPER)) {
            throw ApiError.forbidden();
        }
        MergeRequestRecord.Draft draft = new MergeRequestRecord.Draft(r.required("source_branch"),
                r.required("target_branch"), r.required("title"), r.param("description").orElse(null), token.user());
        MergeRequestRecord mr = repo.addMergeRequest(draft, store.nextMergeRequestId(), store.clock().instant());
        return Reply.json(201, render(repo, mr));
    }

    private Reply list(ApiRequest r, ProjectRepository repo) throws ApiError {
        String state = r.param("state").orElse("all");
        Optional<String> source = r.param("source_branch");
        Optional<String> target = r.param("target_branch");
        List<MergeRequestRecord> matching = repo.mergeRequests().stream()
                .filter(m -> state.equals("all") || state.equals(read(repo, () -> m.state)))
                .filter(m -> source.map(m.sourceBranch::equals).orElse(true))
                .filter(m -> target.map(m.targetBranch::equals).orElse(true))
                .sorted((a, b) -> Long.compare(b.iid, a.iid))
                .toList();
        return page(r, matching, m -> render(repo, m));
    }

    /** {@code PUT .../merge_requests/:iid/merge}: only an open MR merges; otherwise GitLab's 405. */
    private Reply merge(ApiRequest r, AccessToken token, ProjectRepository repo, MergeRequestRecord mr) throws ApiError {
        requireWrite(token);
        if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.MAINTAINER)) {
            // the seeded default branch is protected: only maintainers merge into it
            throw ApiError.forbidden();
        }
        synchronized (repo) {
            if (!mr.state.equals("opened")) {
                throw ApiError.methodNotAllowedMessage();
            }
            Instant now = store.clock().instant();
            String message = r.param("merge_commit_message")
                    .orElse("Merge branch '" + mr.sourceBranch + "' into '" + mr.targetBranch + "'");
            ProjectRepository.Commit commit = repo.merge(mr.sourceBranch, mr.targetBranch, message, now);
            mr.state = "merged";
            mr.mergedAt = now;
            mr.updatedAt = now;
            mr.mergeCommitSha = commit.sha();
            mr.mergedBy = token.user();
        }
        return Reply.ok(render(repo, mr));
    }

    /**
     * {@code PUT .../merge_requests/:iid} with {@code state_event} {@code close} or {@code reopen} (the
     * only fields modelled): an open MR closes, a closed one reopens; a merged MR keeps its state.
     */
    private Reply update(ApiRequest r, AccessToken token, ProjectRepository repo, MergeRequestRecord mr) throws ApiError {
        requireWrite(token);
        if (!token.user().accessLevel().atLeast(SandboxUser.AccessLevel.DEVELOPER)) {
            throw ApiError.forbidden();
        }
        Optional<String> event = r.param("state_event");
        if (event.isPresent() && !event.get().equals("close") && !event.get().equals("reopen")) {
            throw ApiError.paramError("state_event does not have a valid value");
        }
        synchronized (repo) {
            Instant now = store.clock().instant();
            if (event.filter("close"::equals).isPresent() && mr.state.equals("opened")) {
                mr.state = "closed";
                mr.closedAt = now;
                mr.updatedAt = now;
            } else if (event.filter("reopen"::equals).isPresent() && mr.state.equals("closed")) {
                mr.state = "opened";
                mr.closedAt = null;
                mr.updatedAt = now;
            }
        }
        return Reply.ok(render(repo, mr));
    }

    private static <T> T read(ProjectRepository repo, java.util.function.Supplier<T> reader) {
        synchronized (repo) {
            return reader.get();
        }
    }

    private Map<String, Object> render(ProjectRepository repo, MergeRequestRecord mr) {
        synchronized (repo) {
            SandboxProject p = repo.project();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", mr.id);
            m.put("iid", mr.iid);
            m.put("project_id", mr.projectId);
            m.put("title", mr.title);
            m.put("description", mr.description);
            m.put("state", mr.state);
            m.put("created_at", GitLabJson.time(mr.createdAt));
            m.put("updated_at", GitLabJson.time(mr.updatedAt));
            m.put("merged_at", GitLabJson.time(mr.mergedAt));
            m.put("closed_at", GitLabJson.time(mr.closedAt));
            m.put("merged_by", mr.mergedBy == null ? null : json.user(mr.mergedBy));
            m.put("target_branch", mr.targetBranch);
            m.put("source_branch", mr.sourceBranch);
            m.put("source_project_id", mr.projectId);
            m.put("target_project_id", mr.projectId);
            m.put("author", json.user(mr.author));
            m.put("draft", false);
            m.put("work_in_progress", false);
            m.put("merge_status", mr.state.equals("opened") ? "can_be_merged" : "merged");
            m.put("detailed_merge_status", mr.state.equals("opened") ? "mergeable" : "not_open");
            m.put("has_conflicts", false);
            m.put("sha", repo.branch(mr.sourceBranch).map(b -> b.head.sha()).orElse(null));
            m.put("merge_commit_sha", mr.mergeCommitSha);
            m.put("web_url", webBase + "/" + p.pathWithNamespace() + "/-/merge_requests/" + mr.iid);
            return m;
        }
    }
}
