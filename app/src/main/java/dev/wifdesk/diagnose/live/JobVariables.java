package dev.wifdesk.diagnose.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Variable;

/**
 * The CI/CD variables a job saw, read through gitlab4j: the project's variables (protected ones
 * only on protected refs, the {@code *} environment scope before specific ones), then the
 * pipeline's own variables, which win. Values stay in memory; only keys ever reach a note.
 */
final class JobVariables {
    private final GitLabApi gitlab;
    private final String projectPath;
    private final Consumer<String> notes;
    private List<Variable> projectVariables;
    private boolean projectVariablesRead;
    private final RefProtection refs;

    JobVariables(GitLabApi gitlab, String projectPath, RefProtection refs, Consumer<String> notes) {
        this.gitlab = gitlab;
        this.refs = refs;
        this.projectPath = projectPath;
        this.notes = notes;
    }

    Map<String, String> of(String ref, Long pipelineId) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean isProtected = isProtected(ref);
        List<Variable> all = projectVariables();
        all.stream().filter(v -> scope(v).equals("*")).filter(v -> isProtected || !Boolean.TRUE.equals(v.getProtected()))
                .forEach(v -> out.put(v.getKey(), v.getValue()));
        all.stream().filter(v -> !scope(v).equals("*")).filter(v -> isProtected || !Boolean.TRUE.equals(v.getProtected()))
                .forEach(v -> out.putIfAbsent(v.getKey(), v.getValue()));
        if (pipelineId != null) {
            try {
                for (Variable v : gitlab.getPipelineApi().getPipelineVariables(projectPath, pipelineId)) {
                    out.put(v.getKey(), v.getValue());
                }
            } catch (GitLabApiException | RuntimeException e) {
                // gitlab4j's paging throws unchecked errors on a broken connection: a note too, never an exception
                notes.accept("Cannot read the variables of pipeline " + pipelineId + " (" + status(e)
                        + "); the project's variables are used.");
            }
        }
        return out;
    }

    private static String status(Exception e) {
        return e instanceof GitLabApiException g ? "HTTP " + g.getHttpStatus()
                : dev.wifdesk.audit.Redactor.redact(String.valueOf(e.getMessage()));
    }

    private static String scope(Variable v) {
        return v.getEnvironmentScope() == null ? "*" : v.getEnvironmentScope();
    }

    private List<Variable> projectVariables() {
        if (!projectVariablesRead) {
            projectVariablesRead = true;
            try {
                projectVariables = new ArrayList<>(gitlab.getProjectApi().getVariables(projectPath));
            } catch (GitLabApiException | RuntimeException e) {
                projectVariables = List.of();
                notes.accept("Cannot read the CI/CD variables of " + projectPath + " (" + status(e) + "; "
                        + "reading them needs the Maintainer role and a token with read_api or api scope): the provider "
                        + "and service account of the jobs are unknown unless the pipeline set them.");
            }
        }
        return projectVariables;
    }

    /** Tags and unknown refs count as protected: assume every variable reached the job. */
    private boolean isProtected(String ref) {
        return !Boolean.FALSE.equals(refs.isProtectedBranch(ref));
    }
}
