package dev.wifdesk.cli;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.setup.ProjectFacts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The start of {@code plan} and {@code apply}: the valid spec, the open connections and the project
 * ({@link ProjectFacts}: its number and missing APIs). Once the file's structure is read, the spec's
 * rule checks (CEL: the slow part of reading it) run on the calling thread while another thread opens
 * the connections and reads the project, so the first Google calls do not wait for the checks. Those
 * are reads only; a spec that breaks a rule still ends as the same bad input (exit 2), whatever the
 * other thread met, and nothing is planned or changed for it. A file with a structural problem, or
 * one that cannot be read, is judged whole first, as before.
 */
record SetupStart(FederationSpec spec, CelEngine cel, LiveConnections live, ProjectFacts project)
        implements AutoCloseable {

    /** What the other thread brings: the connections, and the project or why it could not be read. */
    private record Opened(LiveConnections live, ProjectFacts project, Exception failure) {
    }

    static SetupStart begin(SetupOptions options) throws IOException {
        CelEngine cel = new CelEngine();
        SpecValidator validator = new SpecValidator(cel);
        SpecParser parser = new SpecParser(validator);
        Optional<FederationSpec> shaped = options.structureOnly(parser);
        if (shaped.isEmpty()) {
            return sequential(options, options.loadSpec(parser), cel); // loadSpec reports the problem
        }
        FederationSpec spec = shaped.get();
        CompletableFuture<Opened> opening = openInBackground(options, spec);
        List<SpecProblem> problems = validator.problems(spec);
        if (!problems.isEmpty()) {
            opening.thenAccept(o -> o.live().close());
            throw options.invalid(new InvalidSpecException(problems));
        }
        Opened opened = join(opening);
        if (opened.failure() != null) {
            opened.live().close();
            if (opened.failure() instanceof RuntimeException r) {
                throw r;
            }
            throw opened.failure() instanceof IOException io ? io : new IOException(opened.failure());
        }
        return new SetupStart(spec, cel, opened.live(), opened.project());
    }

    private static SetupStart sequential(SetupOptions options, FederationSpec spec, CelEngine cel) throws IOException {
        LiveConnections live = options.connect(spec);
        try {
            return new SetupStart(spec, cel, live, ProjectFacts.read(live.google(), spec.gcp().project()));
        } catch (IOException | RuntimeException e) {
            live.close();
            throw e;
        }
    }

    private static CompletableFuture<Opened> openInBackground(SetupOptions options, FederationSpec spec) {
        CompletableFuture<Opened> opened = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                LiveConnections live = options.connect(spec);
                try {
                    opened.complete(new Opened(live, ProjectFacts.read(live.google(), spec.gcp().project()), null));
                } catch (Exception e) { // judged only once the spec is known valid
                    opened.complete(new Opened(live, null, e));
                }
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "wifdesk-setup-start");
        t.setDaemon(true); // a connection that hangs must not keep a spec error from exiting
        t.start();
        return opened;
    }

    private static Opened join(CompletableFuture<Opened> opening) throws IOException {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // BadInputException: the sandbox or the credentials, named
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        live.close();
    }
}
