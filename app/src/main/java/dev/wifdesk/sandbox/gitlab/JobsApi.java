package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.expect;
import static dev.wifdesk.sandbox.gitlab.RestSupport.number;
import static dev.wifdesk.sandbox.gitlab.RestSupport.page;
import static dev.wifdesk.sandbox.gitlab.RestSupport.requireRead;
import static dev.wifdesk.sandbox.gitlab.RestSupport.scopes;

import java.util.List;

/** Jobs of a project (filtered by {@code scope}) and their traces. */
final class JobsApi {
    private final GitLabStore store;
    private final GitLabJson json;

    JobsApi(GitLabStore store, GitLabJson json) {
        this.store = store;
        this.json = json;
    }

    Reply jobs(ApiRequest r, AccessToken token, SandboxProject project, List<String> rest) throws ApiError {
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
}
