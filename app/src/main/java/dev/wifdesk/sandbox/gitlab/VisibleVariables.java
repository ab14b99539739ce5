package dev.wifdesk.sandbox.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CI/CD variables (settings and pipeline ones) one job sees, as GitLab resolves them:
 * inherited group variables, then the project's own; wildcard scope first, then those whose scope
 * matches the job's environment; protected ones only on protected refs; pipeline variables last.
 * Masked values are registered with the trace. The {@code .gitlab-ci.yml} variables rank below
 * all of these ({@link JobPlan}).
 */
final class VisibleVariables {
    private VisibleVariables() {
    }

    /** {@code environment}: the job's environment name, or null when it declares none. */
    static Map<String, String> of(GitLabStore store, PipelineRecord p, String environment, JobTrace trace) {
        Map<String, String> out = new LinkedHashMap<>();
        // inherited group variables first, then the project's own (they win on equal keys)
        List<CiVariable> all = new ArrayList<>(store.inheritedVariables(p.project));
        all.addAll(store.variables(GitLabStore.projectOwner(p.project.id())));
        // wildcard first, then specific scopes win (GitLab prefers the most specific scope)
        all.stream().filter(v -> v.environmentScope().equals("*")).filter(v -> visible(v, p))
                .forEach(v -> put(out, v, trace));
        all.stream().filter(v -> !v.environmentScope().equals("*") && v.appliesTo(environment)).filter(v -> visible(v, p))
                .forEach(v -> put(out, v, trace));
        out.putAll(p.variables);
        return out;
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
}
