package dev.wifdesk.sandbox.gitlab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one job of a pipeline runs with, resolved as GitLab does before the runner starts it: its
 * environment (name expanded, protection and tier), its variables by GitLab's precedence (lowest
 * first: predefined, deployment, the file's global {@code variables:}, the job's, group, project,
 * pipeline variables) and one ID token request per {@code id_tokens:} entry, {@code aud} expanded.
 */
record JobPlan(IdTokenRequest.Environment environment, Map<String, String> variables,
               Map<String, IdTokenRequest> idTokens) {

    static JobPlan of(GitLabStore store, JobRecord job, JobTrace trace, RunnerSettings settings) {
        PipelineRecord p = job.pipeline;
        CiJobDefinition definition = job.definition;
        Map<String, String> base = new LinkedHashMap<>(predefined(job));
        base.putAll(expandAll(p.globalVariables, base));
        base.putAll(expandAll(definition.variables(), base));
        IdTokenRequest.Environment environment = null;
        if (definition.environment() != null) {
            Map<String, String> unscoped = new LinkedHashMap<>(base);
            unscoped.putAll(VisibleVariables.of(store, p, null, new JobTrace(store, job)));
            String name = ShellWords.expand(definition.environment().name(), unscoped).strip();
            if (!name.isEmpty()) {
                environment = Environments.of(name, definition.environment().tier(), definition.environment().action());
            }
        }
        Map<String, String> variables = new LinkedHashMap<>(base);
        if (environment != null) {
            variables.put("CI_ENVIRONMENT_NAME", environment.name());
            variables.put("CI_ENVIRONMENT_TIER", environment.tier());
            variables.put("CI_ENVIRONMENT_ACTION", environment.action());
        }
        variables.putAll(VisibleVariables.of(store, p, environment == null ? null : environment.name(), trace));

        Map<String, IdTokenRequest> tokens = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : definition.idTokens().entrySet()) {
            List<String> auds = e.getValue().stream().map(a -> ShellWords.expand(a, variables)).toList();
            IdTokenRequest request = (auds.isEmpty() ? IdTokenRequest.forAudience("") : IdTokenRequest.forAudience(auds.get(0))
                    .withAudiences(auds))
                    .withRef(p.ref.name())
                    .withUser(p.user.username())
                    .withPipeline(p.id, job.id)
                    .withPipelineSource(p.source)
                    .withLifetime(settings.jobTimeout());
            tokens.put(e.getKey(), environment == null ? request : request.withEnvironment(environment));
        }
        return new JobPlan(environment, variables, tokens);
    }

    /** The predefined variables a job's script can read (the ones CI files commonly use). */
    private static Map<String, String> predefined(JobRecord job) {
        PipelineRecord p = job.pipeline;
        SandboxProject project = p.project;
        boolean tag = p.ref.type() == SandboxProject.RefType.TAG;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CI", "true");
        v.put("GITLAB_CI", "true");
        v.put("CI_SERVER_URL", GitLabSandbox.ISSUER);
        v.put("CI_PROJECT_ID", Long.toString(project.id()));
        v.put("CI_PROJECT_PATH", project.pathWithNamespace());
        v.put("CI_PROJECT_NAMESPACE", project.namespacePath());
        v.put("CI_PROJECT_NAME", project.path());
        v.put("CI_DEFAULT_BRANCH", project.defaultBranch());
        v.put("CI_BUILDS_DIR", "/builds");
        v.put("CI_PROJECT_DIR", "/builds/" + project.pathWithNamespace());
        v.put("CI_PIPELINE_ID", Long.toString(p.id));
        v.put("CI_PIPELINE_IID", Long.toString(p.iid));
        v.put("CI_PIPELINE_SOURCE", p.source);
        v.put("CI_JOB_ID", Long.toString(job.id));
        v.put("CI_JOB_NAME", job.name);
        v.put("CI_JOB_STAGE", job.stage);
        v.put("CI_COMMIT_SHA", p.ref.sha());
        v.put("CI_COMMIT_SHORT_SHA", p.ref.sha().substring(0, 8));
        v.put("CI_COMMIT_REF_NAME", p.ref.name());
        v.put("CI_COMMIT_REF_SLUG", p.ref.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "-"));
        v.put("CI_COMMIT_REF_PROTECTED", Boolean.toString(p.ref.isProtected()));
        v.put(tag ? "CI_COMMIT_TAG" : "CI_COMMIT_BRANCH", p.ref.name());
        return v;
    }

    /** The file's variables may name others ({@code $CI_BUILDS_DIR/...}): GitLab expands them for the job. */
    private static Map<String, String> expandAll(Map<String, String> values, Map<String, String> from) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, ShellWords.expand(v, from)));
        return out;
    }
}
