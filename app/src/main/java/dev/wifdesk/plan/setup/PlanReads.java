package dev.wifdesk.plan.setup;

import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Background;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.lint.SetupLint;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.gitlab4j.api.GitLabApi;

/**
 * A setup plan's reads, started and in flight: the observed state ({@link StateObserver}) and, beside
 * it, the {@code .gitlab-ci.yml} reads. {@link SetupPlanner#plan(PlanReads)} computes the plan from
 * exactly these answers (no second read). Starting them does not wait: the command line starts them
 * as soon as the project is read, while the spec's rule checks still run; if the checks fail the
 * reads are dropped ({@link #whenDone}), having read and changed nothing else.
 */
public final class PlanReads {
    private final CompletableFuture<SetupValues> values;
    private final CompletableFuture<ProjectFacts> project;
    private final CompletableFuture<ObservedState> seen;
    private final CompletableFuture<Optional<Step>> ciFile;
    /** The lint's findings when started with one, else empty (the planner lints). */
    private final Optional<CompletableFuture<List<Finding>>> findings;

    private PlanReads(GoogleClients google, Optional<GitLabApi> gitlab, FederationSpec spec,
            CompletableFuture<String> number, CompletableFuture<ProjectFacts> project, Optional<SetupLint> lint) {
        boolean withGitLab = gitlab.isPresent() && spec.gitlab().isPresent();
        this.values = number.thenApply(n -> new SetupValues(spec, n));
        this.project = project;
        // the state is read by the project's ID: its reads go out beside the project's, not after them
        this.seen = Background.start("wifdesk-plan-observe", () -> new StateObserver(google, gitlab)
                .observe(SetupValues.withProjectNumberPlaceholder(spec), project));
        // the .gitlab-ci.yml step names no project number: its reads need not wait for the project's
        this.ciFile = Background.start("wifdesk-plan-ci-file", () -> withGitLab
                ? Optional.of(GitLabSteps.ciFile(SetupValues.withProjectNumberPlaceholder(spec), gitlab.get()))
                : Optional.<Step>empty());
        this.findings = lint.map(l -> number.thenCompose(n -> Background.start("wifdesk-plan-lint", () -> l.lint(spec, n))));
    }

    /**
     * Starts the reads of a plan of {@code spec}, all at once: the project's number and services,
     * the state and the {@code .gitlab-ci.yml} reads (each by the project's ID or GitLab's path).
     * {@code gitlab} empty, or a spec without a {@code gitlab:} section: no GitLab reads. The
     * {@code lint}, if any, runs as soon as the project's number is known (it reads nothing; on the
     * command line its CEL work then runs beside the spec's checks, on the other core).
     */
    public static PlanReads start(GoogleClients google, Optional<GitLabApi> gitlab, FederationSpec spec,
            Optional<SetupLint> lint) {
        String projectId = spec.gcp().project();
        CompletableFuture<String> number = Background.start("wifdesk-plan-project", () -> ProjectFacts.number(google, projectId));
        CompletableFuture<List<String>> missing = Background.start("wifdesk-plan-services",
                () -> ProjectFacts.missingServices(google, projectId));
        // both ended before this ends; a project Google refuses is the number's error, as Resource Manager words it
        CompletableFuture<ProjectFacts> project = number.thenCombine(missing, (n, m) -> new ProjectFacts(projectId, n, m));
        return new PlanReads(google, gitlab, spec, number, project, lint);
    }

    /** The spec's values (with the project's number); a failed project read is its {@link IOException}. */
    SetupValues values() throws IOException {
        return join(values);
    }

    /** The project as read; a failed read is its {@link IOException} (Google's message). */
    public ProjectFacts project() throws IOException {
        return join(project);
    }

    /** The state as read; a failed read is its {@link IOException} (Google's or GitLab's message). */
    ObservedState seen() throws IOException {
        return join(seen);
    }

    /** The {@code .gitlab-ci.yml} step, or empty without GitLab. */
    Optional<Step> ciFile() throws IOException {
        return join(ciFile);
    }

    /** The lint's findings if these reads were started with the lint. */
    Optional<List<Finding>> findings() throws IOException {
        return findings.isEmpty() ? Optional.empty() : Optional.of(join(findings.get()));
    }

    /** Runs {@code then} once every read has ended, however it ended (e.g. to close the connections). */
    public void whenDone(Runnable then) {
        CompletableFuture.allOf(project, seen, ciFile, findings.<CompletableFuture<?>>map(f -> f).orElse(project)).whenComplete((x, e) -> then.run());
    }

    private static <T> T join(CompletableFuture<T> f) throws IOException {
        return Background.join(f, "planning");
    }
}
