package dev.wifdesk.sandbox.gitlab;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the sandbox's objects with GitLab's REST v4 field names. */
final class GitLabJson {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String webBase;

    /** {@code webBase}: the instance URL the web_url fields start with. */
    GitLabJson(String webBase) {
        this.webBase = webBase;
    }

    String webBase() {
        return webBase;
    }

    static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    Map<String, Object> project(SandboxProject p, SandboxProject forkedFrom) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("description", "");
        m.put("name", p.path());
        m.put("name_with_namespace", p.namespacePath().replace("/", " / ") + " / " + p.path());
        m.put("path", p.path());
        m.put("path_with_namespace", p.pathWithNamespace());
        m.put("created_at", "2026-01-05T09:00:00.000Z");
        m.put("default_branch", p.defaultBranch());
        m.put("tag_list", List.of());
        m.put("topics", List.of());
        m.put("ssh_url_to_repo", "git@" + java.net.URI.create(webBase).getHost() + ":" + p.pathWithNamespace() + ".git");
        m.put("http_url_to_repo", webBase + "/" + p.pathWithNamespace() + ".git");
        m.put("web_url", webBase + "/" + p.pathWithNamespace());
        m.put("visibility", p.visibility());
        Map<String, Object> ns = new LinkedHashMap<>();
        String nsPath = p.namespacePath();
        ns.put("id", p.namespaceId());
        ns.put("name", nsPath.substring(nsPath.lastIndexOf('/') + 1));
        ns.put("path", nsPath.substring(nsPath.lastIndexOf('/') + 1));
        ns.put("kind", "group");
        ns.put("full_path", nsPath);
        ns.put("web_url", webBase + "/groups/" + nsPath);
        m.put("namespace", ns);
        m.put("jobs_enabled", true);
        m.put("builds_access_level", "enabled");
        m.put("ci_config_path", "");
        m.put("ci_id_token_sub_claim_components", List.of("project_path", "ref_type", "ref"));
        m.put("build_timeout", 3600);
        m.put("archived", false);
        m.put("empty_repo", false);
        if (forkedFrom != null) {
            m.put("forked_from_project", project(forkedFrom, null));
        }
        return m;
    }

    Map<String, Object> group(SandboxGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.path());
        m.put("path", g.path());
        m.put("description", "");
        m.put("visibility", g.visibility());
        m.put("full_name", g.fullPath().replace("/", " / "));
        m.put("full_path", g.fullPath());
        m.put("web_url", webBase + "/groups/" + g.fullPath());
        m.put("parent_id", null);
        return m;
    }

    Map<String, Object> variable(CiVariable v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variable_type", v.variableType());
        m.put("key", v.key());
        m.put("value", v.value());
        m.put("protected", v.isProtected());
        m.put("masked", v.masked());
        m.put("hidden", false);
        m.put("raw", v.raw());
        m.put("environment_scope", v.environmentScope());
        m.put("description", v.description());
        return m;
    }

    Map<String, Object> user(SandboxUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("username", u.username());
        m.put("name", u.name());
        m.put("state", "active");
        m.put("avatar_url", null);
        m.put("web_url", webBase + "/" + u.username());
        return m;
    }

    Map<String, Object> pipeline(PipelineRecord p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id);
        m.put("iid", p.iid);
        m.put("project_id", p.project.id());
        m.put("name", null);
        m.put("sha", p.ref.sha());
        m.put("ref", p.ref.name());
        m.put("status", p.status);
        m.put("source", p.source);
        m.put("created_at", time(p.createdAt));
        m.put("updated_at", time(p.updatedAt));
        m.put("web_url", webBase + "/" + p.project.pathWithNamespace() + "/-/pipelines/" + p.id);
        m.put("before_sha", "0000000000000000000000000000000000000000");
        m.put("tag", p.ref.type() == SandboxProject.RefType.TAG);
        m.put("yaml_errors", null);
        m.put("user", user(p.user));
        m.put("started_at", time(p.startedAt));
        m.put("finished_at", time(p.finishedAt));
        m.put("committed_at", null);
        Double duration = seconds(p.startedAt, p.finishedAt);
        m.put("duration", duration == null ? null : (int) Math.round(duration));
        m.put("queued_duration", null);
        m.put("coverage", null);
        return m;
    }

    Map<String, Object> job(JobRecord j) {
        PipelineRecord p = j.pipeline;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id);
        m.put("status", j.status);
        m.put("stage", j.stage);
        m.put("name", j.name);
        m.put("ref", p.ref.name());
        m.put("tag", p.ref.type() == SandboxProject.RefType.TAG);
        m.put("coverage", null);
        m.put("allow_failure", false);
        m.put("created_at", time(j.createdAt));
        m.put("started_at", time(j.startedAt));
        m.put("finished_at", time(j.finishedAt));
        m.put("erased_at", null);
        m.put("duration", seconds(j.startedAt, j.finishedAt));
        m.put("queued_duration", j.startedAt == null ? null : Duration.between(j.createdAt, j.startedAt).toMillis() / 1000.0);
        m.put("user", user(p.user));
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("id", p.ref.sha());
        commit.put("short_id", p.ref.sha().substring(0, 8));
        commit.put("title", "Sandbox commit on " + p.ref.name());
        m.put("commit", commit);
        Map<String, Object> pipe = new LinkedHashMap<>();
        pipe.put("id", p.id);
        pipe.put("iid", p.iid);
        pipe.put("project_id", p.project.id());
        pipe.put("ref", p.ref.name());
        pipe.put("sha", p.ref.sha());
        pipe.put("status", p.status);
        pipe.put("source", p.source);
        m.put("pipeline", pipe);
        m.put("web_url", webBase + "/" + p.project.pathWithNamespace() + "/-/jobs/" + j.id);
        if (j.failureReason != null) {
            m.put("failure_reason", j.failureReason);
        }
        m.put("artifacts", List.of());
        Map<String, Object> runner = new LinkedHashMap<>();
        runner.put("id", IdTokenMinter.RUNNER_ID);
        runner.put("description", "sandbox-runner");
        runner.put("active", true);
        runner.put("is_shared", false);
        runner.put("name", "gitlab-runner");
        m.put("runner", j.startedAt == null ? null : runner);
        m.put("tag_list", List.of());
        return m;
    }

    private static Double seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
    }
}
