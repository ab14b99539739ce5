package dev.wifdesk.verify;

import dev.wifdesk.plan.GitLabVariables;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Branch;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.Variable;

/**
 * What preflight reads from GitLab, read once: the project, whether the spec's ref exists and is
 * protected, its {@code .gitlab-ci.yml}, and the CI/CD variables. A part that cannot be read carries
 * the reason (with what to do) instead; nothing here throws.
 *
 * @param problem why GitLab could not be read at all (empty: it could)
 * @param refProblem why the ref could not be judged (unknown ref, ...)
 * @param ciConfig the file's text; empty when there is none ({@code ciProblem} says why)
 */
record GitLabFacts(Optional<String> problem, Optional<Project> project, Optional<Boolean> refProtected,
                   Optional<String> refProblem, Optional<String> ciConfig, String ciProblem,
                   Map<String, Variable> variables, Optional<String> variablesProblem) {
    static final String CI_CONFIG_PATH = ".gitlab-ci.yml";

    static GitLabFacts none(String why) {
        return new GitLabFacts(Optional.of(why), Optional.empty(), Optional.empty(), Optional.of(why), Optional.empty(),
                why, Map.of(), Optional.of(why));
    }

    static GitLabFacts read(GitLabApi gitlab, String projectPath, String ref) {
        Project project;
        try {
            project = gitlab.getProjectApi().getProject(projectPath);
        } catch (GitLabApiException | RuntimeException e) {
            return none(GitLabErrors.describe(gitlab, "read project " + projectPath, e));
        }
        Optional<Boolean> isProtected = Optional.empty();
        Optional<String> refProblem = Optional.empty();
        try {
            Branch branch = gitlab.getRepositoryApi().getBranch(projectPath, ref);
            isProtected = Optional.of(Boolean.TRUE.equals(branch.getProtected()));
        } catch (GitLabApiException e) {
            refProblem = Optional.of(e.getHttpStatus() == 404
                    ? "ref '" + ref + "' is not a branch of " + projectPath + ": set gitlab.ref in the spec to an existing"
                    + " (protected) branch" : GitLabErrors.describe(gitlab, "read branch " + ref, e));
        } catch (RuntimeException e) {
            refProblem = Optional.of(GitLabErrors.describe(gitlab, "read branch " + ref, e));
        }
        Optional<String> ci = Optional.empty();
        String ciProblem = "";
        if (refProblem.isEmpty()) {
            try {
                ci = Optional.of(gitlab.getRepositoryFileApi().getFile(projectPath, CI_CONFIG_PATH, ref)
                        .getDecodedContentAsString());
            } catch (GitLabApiException e) {
                ciProblem = e.getHttpStatus() == 404 ? "no " + CI_CONFIG_PATH + " on " + ref + " of " + projectPath
                        + ": commit the verification job (apply with gitlab.verificationJob: commit, or merge"
                        + " the merge request apply opened, or 'wifdesk export --to gitlab-ci')" : GitLabErrors.describe(gitlab, "read " + CI_CONFIG_PATH, e);
            } catch (RuntimeException e) {
                ciProblem = GitLabErrors.describe(gitlab, "read " + CI_CONFIG_PATH, e);
            }
        } else {
            ciProblem = refProblem.get();
        }
        Map<String, Variable> variables = Map.of();
        Optional<String> variablesProblem = Optional.empty();
        try {
            variables = GitLabVariables.read(gitlab, projectPath);
        } catch (IOException e) {
            variablesProblem = Optional.of(GitLabErrors.describe(gitlab, "read the CI/CD variables of " + projectPath,
                    e.getCause() instanceof GitLabApiException g ? g : e));
        } catch (RuntimeException e) {
            variablesProblem = Optional.of(GitLabErrors.describe(gitlab, "read the CI/CD variables of " + projectPath, e));
        }
        return new GitLabFacts(Optional.empty(), Optional.of(project), isProtected, refProblem, ci, ciProblem, variables,
                variablesProblem);
    }
}
