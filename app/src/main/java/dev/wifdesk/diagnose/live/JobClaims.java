package dev.wifdesk.diagnose.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.Project;

/**
 * The claims GitLab put in a job's ID token, rebuilt from the job's and project's metadata (the
 * token itself is never stored anywhere). Only claims the metadata determines are rebuilt; the
 * ones it cannot tell ({@link #NOT_REBUILT}) are left out, so a check that needs them must not
 * trust this set. Ids are strings, booleans the strings "true"/"false", as GitLab sends them.
 */
final class JobClaims {
    /** Real GitLab claims that job metadata does not reveal. */
    static final List<String> NOT_REBUILT = List.of("iss", "exp", "iat", "nbf", "jti", "user_email", "user_access_level",
            "environment", "environment_protected", "deployment_tier", "environment_action", "runner_environment",
            "ci_config_ref_uri", "ci_config_sha");

    private final GitLabApi gitlab;
    private final String projectPath;
    private final RefProtection refs;
    private Optional<Project> project;

    JobClaims(GitLabApi gitlab, String projectPath, RefProtection refs) {
        this.gitlab = gitlab;
        this.projectPath = projectPath;
        this.refs = refs;
    }

    /** The rebuilt claims, or empty when the job, its project or its ref's protection cannot be read. */
    Optional<Map<String, Object>> of(long jobId, String idTokenAudience) {
        Optional<Project> p = project();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Job job;
        try {
            job = gitlab.getJobApi().getJob(projectPath, jobId);
        } catch (GitLabApiException | RuntimeException e) {
            return Optional.empty();
        }
        boolean tag = Boolean.TRUE.equals(job.getTag());
        Boolean branchProtected = tag ? null : refs.isProtectedBranch(job.getRef());
        if (job.getRef() == null || (!tag && branchProtected == null)) {
            return Optional.empty();
        }
        Project project = p.get();
        String path = project.getPathWithNamespace();
        String refType = tag ? "tag" : "branch";
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", "project_path:" + path + ":ref_type:" + refType + ":ref:" + job.getRef());
        if (idTokenAudience != null && !idTokenAudience.contains("$")) {
            c.put("aud", idTokenAudience);
        }
        if (project.getNamespace() != null) {
            c.put("namespace_id", String.valueOf(project.getNamespace().getId()));
            c.put("namespace_path", project.getNamespace().getFullPath());
            c.put("job_namespace_id", String.valueOf(project.getNamespace().getId()));
            c.put("job_namespace_path", project.getNamespace().getFullPath());
        }
        c.put("project_id", String.valueOf(project.getId()));
        c.put("project_path", path);
        c.put("job_project_id", String.valueOf(project.getId()));
        c.put("job_project_path", path);
        if (project.getVisibility() != null) {
            c.put("project_visibility", project.getVisibility().toString().toLowerCase(java.util.Locale.ROOT));
        }
        if (job.getUser() != null) {
            c.put("user_id", String.valueOf(job.getUser().getId()));
            c.put("user_login", job.getUser().getUsername());
        }
        if (job.getPipeline() != null) {
            c.put("pipeline_id", String.valueOf(job.getPipeline().getId()));
            if (job.getPipeline().getSource() != null) {
                c.put("pipeline_source", job.getPipeline().getSource());
            }
        }
        c.put("job_id", String.valueOf(job.getId()));
        c.put("ref", job.getRef());
        c.put("ref_type", refType);
        c.put("ref_path", (tag ? "refs/tags/" : "refs/heads/") + job.getRef());
        // a protected tag cannot be told from the API without the protected-tags list: only branches are judged
        if (!tag) {
            c.put("ref_protected", Boolean.toString(branchProtected));
        }
        if (job.getCommit() != null && job.getCommit().getId() != null) {
            c.put("sha", job.getCommit().getId());
        }
        if (job.getRunner() != null && job.getRunner().getId() != null) {
            c.put("runner_id", job.getRunner().getId());
        }
        return Optional.of(c);
    }

    private Optional<Project> project() {
        if (project == null) {
            try {
                project = Optional.ofNullable(gitlab.getProjectApi().getProject(projectPath));
            } catch (GitLabApiException | RuntimeException e) {
                project = Optional.empty();
            }
        }
        return project;
    }
}
