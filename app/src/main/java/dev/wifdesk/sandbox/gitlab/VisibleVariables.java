package dev.wifdesk.sandbox.gitlab;

import dev.wifdesk.model.CiContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CI/CD variables one job sees, as GitLab resolves them: inherited group variables, then the
 * project's own; wildcard scope first, then the job's environment; protected ones only on
 * protected refs; pipeline variables last. Masked values are registered with the trace.
 */
final class VisibleVariables {
    private final Map<String, String> values;
    private final JobTrace trace;
    private final String projectPath;

    private VisibleVariables(Map<String, String> values, JobTrace trace, String projectPath) {
        this.values = values;
        this.trace = trace;
        this.projectPath = projectPath;
    }

    static VisibleVariables of(GitLabStore store, JobRecord job, JobTrace trace) {
        PipelineRecord p = job.pipeline;
        String environment = p.variables.get(CiContract.ENVIRONMENT);
        Map<String, String> out = new LinkedHashMap<>();
        // inherited group variables first, then the project's own (they win on equal keys)
        List<CiVariable> all = new ArrayList<>(store.inheritedVariables(p.project));
        all.addAll(store.variables(GitLabStore.projectOwner(p.project.id())));
        if (environment == null) {
            environment = all.stream().filter(v -> v.key().equals(CiContract.ENVIRONMENT) && v.environmentScope().equals("*"))
                    .map(CiVariable::value).findFirst().orElse(null);
        }
        String env = environment;
        // wildcard first, then specific scopes win (GitLab prefers the most specific scope)
        all.stream().filter(v -> v.environmentScope().equals("*")).filter(v -> visible(v, p))
                .forEach(v -> put(out, v, trace));
        all.stream().filter(v -> !v.environmentScope().equals("*") && v.appliesTo(env)).filter(v -> visible(v, p))
                .forEach(v -> put(out, v, trace));
        out.putAll(p.variables);
        return new VisibleVariables(out, trace, p.project.pathWithNamespace());
    }

    private static void put(Map<String, String> out, CiVariable v, JobTrace trace) {
        if (v.masked()) {
            trace.mask(v.value());
        }
        out.put(v.key(), v.value());
    }

    private static boolean visible(CiVariable v, PipelineRecord p) {
        return !v.isProtected() || p.ref.isProtected();
    }

    /** The value, or null when the job does not see the variable. */
    String get(String key) {
        return values.get(key);
    }

    String getOrDefault(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The value trimmed; a missing or blank one fails the job with GitLab's hint about protected variables. */
    String require(String key) throws JobFailed {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            trace.error(key + " is not set for this job (CI/CD variables of " + projectPath
                    + "; protected variables only reach protected refs)");
            throw new JobFailed("script_failure");
        }
        return v.trim();
    }
}
