package dev.wifdesk.plan.setup;

import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Step;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.gitlab4j.api.GitLabApi;

/**
 * A setup plan's reads, started and in flight: the observed state ({@link StateObserver}) and, beside
 * it, the {@code .gitlab-ci.yml} reads. {@link SetupPlanner#plan(PlanReads)} computes the plan from
 * exactly these answers (no second read). Starting them does not wait: the command line starts them
 * as soon as the project is read, while the spec's rule checks still run; if the checks fail the
 * reads are dropped ({@link #whenDone}), having read and changed nothing else.
 */
public final class PlanReads {
    private final SetupValues values;
    private final ProjectFacts project;
    private final CompletableFuture<ObservedState> seen;
    private final CompletableFuture<Optional<Step>> ciFile;

    private PlanReads(SetupValues values, ProjectFacts project, CompletableFuture<ObservedState> seen,
            CompletableFuture<Optional<Step>> ciFile) {
        this.values = values;
        this.project = project;
        this.seen = seen;
        this.ciFile = ciFile;
    }

    /**
     * Starts the reads of a plan of {@code spec} in {@code project} (already read: {@link ProjectFacts#read}).
     * {@code gitlab} empty, or a spec without a {@code gitlab:} section: no GitLab reads.
     */
    public static PlanReads start(GoogleClients google, Optional<GitLabApi> gitlab, FederationSpec spec,
            ProjectFacts project) {
        boolean withGitLab = gitlab.isPresent() && spec.gitlab().isPresent();
        SetupValues values = new SetupValues(spec, project.projectNumber());
        CompletableFuture<Optional<Step>> ciFile = inBackground("wifdesk-plan-ci-file", () -> withGitLab
                ? Optional.of(GitLabSteps.ciFile(values, gitlab.get())) : Optional.empty());
        CompletableFuture<ObservedState> seen = inBackground("wifdesk-plan-observe",
                () -> new StateObserver(google, gitlab).observe(values, project));
        return new PlanReads(values, project, seen, ciFile);
    }

    SetupValues values() {
        return values;
    }

    ProjectFacts project() {
        return project;
    }

    /** The state as read; a failed read is its {@link IOException} (Google's or GitLab's message). */
    ObservedState seen() throws IOException {
        return join(seen);
    }

    /** The {@code .gitlab-ci.yml} step, or empty without GitLab. */
    Optional<Step> ciFile() throws IOException {
        return join(ciFile);
    }

    /** Runs {@code then} once every read has ended, however it ended (e.g. to close the connections). */
    public void whenDone(Runnable then) {
        CompletableFuture.allOf(seen, ciFile).whenComplete((x, e) -> then.run());
    }

    interface Work<T> {
        T run() throws Exception;
    }

    /** {@code work} on a (daemon) thread of its own: a plan is a handful of these, not worth a pool. */
    static <T> CompletableFuture<T> inBackground(String name, Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return result;
    }

    static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while planning");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.util.concurrent.CompletionException c && c.getCause() != null) {
                cause = c.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}
