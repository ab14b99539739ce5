package dev.wifdesk.cli;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GitLabConnection;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.Background;
import dev.wifdesk.plan.lint.SetupLint;
import dev.wifdesk.plan.setup.PlanReads;
import dev.wifdesk.plan.setup.ProjectFacts;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The start of {@code plan} and {@code apply}: the valid spec, the open connections and the plan's
 * reads ({@link PlanReads}; the project, {@link ProjectFacts}, read and accepted by Google). The
 * spec's rule checks (CEL: the slow part of reading it) run on the calling thread while another
 * thread opens the connections (a sandbox's from the start) and, once the file's structure is read,
 * starts the plan's reads (the project, then the state): no Google call waits for the checks, and
 * the plan is computed from those reads after them. They are reads only; a spec that breaks a rule
 * still ends as the same bad input (exit 2), whatever the other thread met, and nothing is planned
 * or changed for it. A file with a structural problem, or one that cannot be read, is judged whole
 * first, as before.
 */
record SetupStart(FederationSpec spec, LiveConnections live, PlanReads reads)
        implements AutoCloseable {

    /** What the other thread brings: the connections and the plan's reads it started (none: nothing to read). */
    private record Opened(LiveConnections live, PlanReads reads) {
        void close() {
            if (live == null) {
                return;
            }
            if (reads != null) {
                reads.whenDone(live::close); // the checks or the project failed: the reads in flight end first
            } else {
                live.close();
            }
        }
    }

    static SetupStart begin(SetupOptions options) throws IOException {
        // the sandbox is known from --sandbox alone: connecting starts before the file is even read
        CompletableFuture<Optional<FederationSpec>> structure = new CompletableFuture<>();
        CompletableFuture<CelEngine> engine = new CompletableFuture<>();
        CompletableFuture<Opened> opening = openInBackground(options, structure, engine);
        CelEngine cel = CelEngine.prepared();
        engine.complete(cel);
        SpecValidator validator = new SpecValidator(cel);
        SpecParser parser = new SpecParser(validator);
        Optional<FederationSpec> shaped = Optional.empty();
        try {
            shaped = options.structureOnly(parser);
        } finally {
            structure.complete(shaped); // empty: the other thread lets go of what it opened
        }
        if (shaped.isEmpty()) {
            return sequential(options, options.loadSpec(parser), cel); // loadSpec reports the problem
        }
        FederationSpec spec = shaped.get();
        List<SpecProblem> problems = validator.problems(spec);
        if (!problems.isEmpty()) {
            opening.thenAccept(Opened::close);
            throw options.invalid(new InvalidSpecException(problems));
        }
        Opened opened = Background.join(opening, "connecting"); // BadInputException: the sandbox or the credentials, named
        try {
            // a project Google refuses is judged only now, once the spec is known valid
            opened.reads().project();
            return new SetupStart(spec, opened.live(), opened.reads());
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    private static SetupStart sequential(SetupOptions options, FederationSpec spec, CelEngine cel) throws IOException {
        LiveConnections live = options.connect(spec);
        try {
            PlanReads reads = startReads(live, spec, cel);
            reads.project();
            return new SetupStart(spec, live, reads);
        } catch (IOException | RuntimeException e) {
            live.close();
            throw e;
        }
    }

    /**
     * Connects (at once for a sandbox; for Google and GitLab once the structure names GitLab's URL),
     * then starts the plan's reads. GitLab's HTTP client is set up ahead, as soon as GitLab is known
     * to be needed ({@link GitLabConnection#prepare}). A file whose structure is broken ends it:
     * nothing is read.
     */
    private static CompletableFuture<Opened> openInBackground(SetupOptions options,
            CompletableFuture<Optional<FederationSpec>> structure, CompletableFuture<CelEngine> engine) {
        if (options.connectsWithoutSpec()) {
            GitLabConnection.prepare(); // a sandbox always has GitLab: its client's set-up starts now
        }
        // a daemon thread: a connection that hangs must not keep a spec error from exiting
        return Background.start("wifdesk-setup-start", () -> {
            Optional<FederationSpec> known = options.connectsWithoutSpec() ? Optional.empty() : structure.get();
            if (!options.connectsWithoutSpec() && known.isEmpty()) {
                return new Opened(null, null);
            }
            if (known.flatMap(FederationSpec::gitlab).isPresent()) {
                GitLabConnection.prepare(); // beside the Google credentials' loading
            }
            LiveConnections live = options.connect(known.orElse(null));
            Optional<FederationSpec> spec = structure.get();
            if (spec.isEmpty()) {
                live.close();
                return new Opened(live, null);
            }
            return new Opened(live, startReads(live, spec.get(), engine.join()));
        });
    }

    /**
     * The plan's reads (project, state, {@code .gitlab-ci.yml}) and its lint: started on the other
     * thread, they run beside the checks (the lint, CEL work too, on the other core).
     */
    private static PlanReads startReads(LiveConnections live, FederationSpec spec, CelEngine cel) {
        return PlanReads.start(live.google(), spec.gitlab().map(g -> live.gitlab()), spec, Optional.of(new SetupLint(cel)));
    }

    @Override
    public void close() {
        live.close();
    }
}
