package dev.wifdesk.plan;

import dev.wifdesk.cloud.GitLabScopedVariables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Variable;

/**
 * A project's CI/CD variables through gitlab4j, each identified by key and environment scope:
 * missing ones are created, ones with another value, protection or masking corrected, equal ones
 * left alone, and the same key in scopes we do not manage is never touched. Values never reach the
 * audit log (a variable may be a secret).
 */
public final class GitLabVariables {
    /** One wanted variable in one environment scope. */
    public record Wanted(String key, String value, boolean isProtected, boolean masked, String scope) {
        /** Scope {@code *}, not masked (the demo's). */
        public Wanted(String key, String value, boolean isProtected) {
            this(key, value, isProtected, false, ALL_ENVIRONMENTS);
        }

        String id() {
            return key + " [" + scope + "]";
        }
    }

    /** What one wanted variable needs, from what GitLab holds. */
    public record Difference(Wanted wanted, Variable existing) {
        public boolean missing() {
            return existing == null;
        }

        public boolean differs() {
            return existing != null && (!wanted.value().equals(existing.getValue())
                    || wanted.isProtected() != Boolean.TRUE.equals(existing.getProtected())
                    || wanted.masked() != Boolean.TRUE.equals(existing.getMasked()));
        }
    }

    /** The scope a variable without one lives in. */
    static final String ALL_ENVIRONMENTS = "*";

    private GitLabVariables() {
    }

    /** Every variable of the project, by "KEY [SCOPE]". */
    public static Map<String, Variable> read(GitLabApi gitlab, String projectPath) throws IOException {
        Map<String, Variable> have = new LinkedHashMap<>();
        for (Variable v : gitlab(() -> gitlab.getProjectApi().getVariables(projectPath), projectPath)) {
            have.put(v.getKey() + " [" + scopeOf(v) + "]", v);
        }
        return have;
    }

    /** Each wanted variable that is missing or differs, against {@code have} (from {@link #read}). */
    public static List<Difference> differences(Map<String, Variable> have, List<Wanted> wanted) {
        List<Difference> out = new ArrayList<>();
        for (Wanted w : wanted) {
            Difference d = new Difference(w, have.get(w.id()));
            if (d.missing() || d.differs()) {
                out.add(d);
            }
        }
        return out;
    }

    public static Action action(GitLabApi gitlab, String projectPath, List<Wanted> wanted) throws IOException {
        return action(differences(read(gitlab, projectPath), wanted));
    }

    public static Action action(List<Difference> differences) {
        if (differences.isEmpty()) {
            return Action.NONE;
        }
        return differences.stream().anyMatch(Difference::missing) ? Action.CREATE : Action.UPDATE;
    }

    public static Outcome ensure(ChangeContext c, String projectPath, List<Wanted> wanted) throws Exception {
        var api = c.requireGitLab().getProjectApi();
        // a key held in several scopes answers 409 to an update without the scope filter
        var scoped = new GitLabScopedVariables(c.requireGitLab());
        boolean created = false;
        boolean updated = false;
        for (Difference d : differences(read(c.requireGitLab(), projectPath), wanted)) {
            Wanted w = d.wanted();
            String detail = w.id() + (w.isProtected() ? " (protected)" : "") + (w.masked() ? " (masked)" : "");
            if (d.missing()) {
                c.audited().call("gitlab.projects.variables.create", projectPath, detail, () -> gitlab(() ->
                        api.createVariable(projectPath, w.key(), w.value(), Variable.Type.ENV_VAR, w.isProtected(),
                                w.masked(), w.scope()), projectPath));
                created = true;
            } else {
                c.audited().call("gitlab.projects.variables.update", projectPath, detail, () -> gitlab(() ->
                        scoped.update(projectPath, w.key(), w.scope(), w.value(), w.isProtected(), w.masked()),
                        projectPath));
                updated = true;
            }
        }
        return created ? Outcome.CREATED : updated ? Outcome.UPDATED : Outcome.ALREADY_EXISTS;
    }

    private static String scopeOf(Variable v) {
        return v.getEnvironmentScope() == null ? ALL_ENVIRONMENTS : v.getEnvironmentScope();
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
