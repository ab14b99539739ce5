package dev.wifdesk.plan;

import dev.wifdesk.cloud.GitLabScopedVariables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** How many variable writes run at once: gentle on GitLab's rate limits, short on a fresh setup's critical path. */
    static final int PARALLEL_WRITES = 4;

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

    /**
     * Creates or corrects each wanted variable that is missing or differs, up to
     * {@link #PARALLEL_WRITES} at once: a setup with environments writes two dozen, and one after
     * the other they were the longest step of a fresh apply (benchmarks.md, "Setup apply"). Every
     * write runs to its end; the first failure (in wanted order) is thrown after all have.
     */
    public static Outcome ensure(ChangeContext c, String projectPath, List<Wanted> wanted) throws Exception {
        List<Difference> todo = differences(read(c.requireGitLab(), projectPath), wanted);
        if (todo.isEmpty()) {
            return Outcome.ALREADY_EXISTS;
        }
        var api = c.requireGitLab().getProjectApi();
        // a key held in several scopes answers 409 to an update without the scope filter
        var scoped = new GitLabScopedVariables(c.requireGitLab());
        List<Callable<Object>> writes = new ArrayList<>();
        for (Difference d : todo) {
            Wanted w = d.wanted();
            String detail = w.id() + (w.isProtected() ? " (protected)" : "") + (w.masked() ? " (masked)" : "");
            writes.add(d.missing()
                    ? () -> c.audited().call("gitlab.projects.variables.create", projectPath, detail, () -> gitlab(() ->
                            api.createVariable(projectPath, w.key(), w.value(), Variable.Type.ENV_VAR, w.isProtected(),
                                    w.masked(), w.scope()), projectPath))
                    : () -> c.audited().call("gitlab.projects.variables.update", projectPath, detail, () -> gitlab(() ->
                            scoped.update(projectPath, w.key(), w.scope(), w.value(), w.isProtected(), w.masked()),
                            projectPath)));
        }
        runAll(writes);
        return todo.stream().anyMatch(Difference::missing) ? Outcome.CREATED : Outcome.UPDATED;
    }

    /** Runs every write, a few at a time, waits for all, then throws the first failure in list order. */
    private static void runAll(List<Callable<Object>> writes) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_WRITES, writes.size()), r -> {
            Thread t = new Thread(r, "wifdesk-gitlab-variable-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Object> f : pool.invokeAll(writes)) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        } finally {
            pool.shutdown();
        }
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
