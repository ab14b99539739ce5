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
        return of(store, p.project, p.ref, p.variables, environment, trace);
    }

    /** The same before the pipeline exists (its {@code rules:} are judged with them); {@code trace} may be null. */
    static Map<String, String> of(GitLabStore store, SandboxProject project, SandboxProject.Ref ref,
                                  Map<String, String> pipelineVariables, String environment, JobTrace trace) {
        Map<String, String> out = new LinkedHashMap<>();
        // inherited group variables first, then the project's own (they win on equal keys)
        List<CiVariable> all = new ArrayList<>(store.inheritedVariables(project));
        all.addAll(store.variables(GitLabStore.projectOwner(project.id())));
        // wildcard first, then specific scopes win (GitLab prefers the most specific scope)
        all.stream().filter(v -> v.environmentScope().equals("*")).filter(v -> !v.isProtected() || ref.isProtected())
                .forEach(v -> put(out, v, trace));
        all.stream().filter(v -> !v.environmentScope().equals("*") && v.appliesTo(environment))
                .filter(v -> !v.isProtected() || ref.isProtected())
                .forEach(v -> put(out, v, trace));
        out.putAll(pipelineVariables);
        return out;
    }

    private static void put(Map<String, String> out, CiVariable v, JobTrace trace) {
        if (v.masked() && trace != null) {
            trace.mask(v.value());
        }
        out.put(v.key(), v.value());
    }
}
