package dev.wifdesk.plan;

import dev.wifdesk.cloud.GitLabScopedVariables;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Variable;

/**
 * A project's CI/CD variables through gitlab4j: missing ones are created, ones with another value
 * corrected, equal ones left alone. Values never reach the audit log (a variable may be a secret).
 */
public final class GitLabVariables {
    /** One wanted variable (environment scope {@code *}, not masked). */
    public record Wanted(String key, String value, boolean isProtected) {
    }

    /** The scope these variables live in; the same key in other environment scopes is left alone. */
    static final String ALL_ENVIRONMENTS = "*";

    private GitLabVariables() {
    }

    public static Action action(GitLabApi gitlab, String projectPath, List<Wanted> wanted) throws IOException {
        Map<String, Variable> have = read(gitlab, projectPath);
        boolean update = false;
        for (Wanted w : wanted) {
            Variable v = have.get(w.key());
            if (v == null) {
                return Action.CREATE;
            }
            update |= !w.value().equals(v.getValue());
        }
        return update ? Action.UPDATE : Action.NONE;
    }

    public static Outcome ensure(ChangeContext c, String projectPath, List<Wanted> wanted) throws Exception {
        var api = c.requireGitLab().getProjectApi();
        // a key held in several scopes answers 409 to an update without the scope filter
        var scoped = new GitLabScopedVariables(c.requireGitLab());
        Map<String, Variable> have = read(c.requireGitLab(), projectPath);
        boolean created = false;
        boolean updated = false;
        for (Wanted w : wanted) {
            Variable v = have.get(w.key());
            String detail = w.key() + (w.isProtected() ? " (protected)" : "");
            if (v == null) {
                c.audited().call("gitlab.projects.variables.create", projectPath, detail, () -> gitlab(() ->
                        api.createVariable(projectPath, w.key(), w.value(), Variable.Type.ENV_VAR, w.isProtected(), false,
                                ALL_ENVIRONMENTS),
                        projectPath));
                created = true;
            } else if (!w.value().equals(v.getValue())) {
                c.audited().call("gitlab.projects.variables.update", projectPath, detail, () -> gitlab(() ->
                        scoped.update(projectPath, w.key(), ALL_ENVIRONMENTS, w.value(), w.isProtected(), false),
                        projectPath));
                updated = true;
            }
        }
        return created ? Outcome.CREATED : updated ? Outcome.UPDATED : Outcome.ALREADY_EXISTS;
    }

    /** The project's variables of scope {@code *}, by key. */
    private static Map<String, Variable> read(GitLabApi gitlab, String projectPath) throws IOException {
        Map<String, Variable> have = new LinkedHashMap<>();
        for (Variable v : gitlab(() -> gitlab.getProjectApi().getVariables(projectPath), projectPath)) {
            String scope = v.getEnvironmentScope() == null ? ALL_ENVIRONMENTS : v.getEnvironmentScope();
            if (ALL_ENVIRONMENTS.equals(scope)) {
                have.put(v.getKey(), v);
            }
        }
        return have;
    }

    private interface GitLabCall<T> {
        T call() throws GitLabApiException;
    }

    private static <T> T gitlab(GitLabCall<T> call, String projectPath) throws IOException {
        try {
            return call.call();
        } catch (GitLabApiException e) {
            throw new IOException("GitLab CI/CD variables of " + projectPath + ": HTTP " + e.getHttpStatus() + " "
                    + e.getMessage(), e);
        }
    }
}
