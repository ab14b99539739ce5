package dev.wifdesk.plan;

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
        Map<String, Variable> have = read(c.requireGitLab(), projectPath);
        boolean created = false;
        boolean updated = false;
        for (Wanted w : wanted) {
            Variable v = have.get(w.key());
            String detail = w.key() + (w.isProtected() ? " (protected)" : "");
            if (v == null) {
                c.audited().call("gitlab.projects.variables.create", projectPath, detail, () -> gitlab(() ->
                        api.createVariable(projectPath, w.key(), w.value(), Variable.Type.ENV_VAR, w.isProtected(), false, "*"),
                        projectPath));
                created = true;
            } else if (!w.value().equals(v.getValue())) {
                c.audited().call("gitlab.projects.variables.update", projectPath, detail, () -> gitlab(() ->
                        api.updateVariable(projectPath, w.key(), w.value(), Variable.Type.ENV_VAR, w.isProtected(), false, "*"),
                        projectPath));
                updated = true;
            }
        }
        return created ? Outcome.CREATED : updated ? Outcome.UPDATED : Outcome.ALREADY_EXISTS;
    }

    private static Map<String, Variable> read(GitLabApi gitlab, String projectPath) throws IOException {
        Map<String, Variable> have = new LinkedHashMap<>();
        for (Variable v : gitlab(() -> gitlab.getProjectApi().getVariables(projectPath), projectPath)) {
            have.put(v.getKey(), v);
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
