package dev.wifdesk.verify;

import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.JwksSource;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.FederationSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.gitlab4j.api.GitLabApi;

/**
 * Verifies a setup layer by layer: preflight (read-only), the validate-only launch as each
 * service account, and a real pipeline. Blocking: run it on a background thread; progress goes to
 * the listener, a cancel is seen within a second, every wait has a timeout.
 */
public final class Verifier {
    private final Preflight preflight;
    private final LaunchLayer launch;
    private final PipelineCheck pipeline;

    /**
     * @param gitlab  empty: the GitLab checks say there is no connection and the pipeline layer cannot run
     * @param history when the setup's IAM policies were written (the audit log), to recognise propagation
     */
    public Verifier(GoogleClients google, Optional<GitLabApi> gitlab, JwksSource jwks, BindingHistory history,
                    VerifyTiming timing) {
        this(google, gitlab, jwks, history, timing, Clock.systemUTC(), Thread::sleep, null);
    }

    /** {@code pipeline} null: through gitlab4j ({@link GitLabPipelineCheck}). */
    Verifier(GoogleClients google, Optional<GitLabApi> gitlab, JwksSource jwks, BindingHistory history, VerifyTiming timing,
             Clock clock, Waiting.Sleeper sleeper, PipelineCheck pipeline) {
        DiagnosisEngine engine = new DiagnosisEngine();
        Waiting waiting = new Waiting(clock, sleeper);
        this.preflight = new Preflight(google, gitlab, jwks, engine, clock);
        this.launch = new LaunchLayer(new LaunchCheck(google, engine), history, timing, waiting);
        this.pipeline = pipeline != null ? pipeline
                : gitlab.<PipelineCheck>map(g -> new GitLabPipelineCheck(g, google, engine, timing, waiting)).orElse(null);
    }

    public VerifyReport verify(FederationSpec spec, LaunchMode mode, VerifyListener listener, BooleanSupplier cancelled) {
        Preflight.Outcome pre = preflight.run(spec, listener, cancelled);
        List<CheckResult> checks = new ArrayList<>(pre.checks());
        Optional<DataflowJob> job = Optional.empty();
        Optional<PipelineRun> run = Optional.empty();
        if (mode.layers().contains(Layer.LAUNCH) && !cancelled.getAsBoolean()) {
            listener.started(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE);
            CheckResult r = pre.state().isEmpty() ? CheckResult.skipped(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE,
                    "the project could not be read") : Checks.safely(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE,
                    () -> withFixSteps(launch.run(pre.state().get(), permissionSteps(pre.checks()), listener, cancelled),
                            pre.state().get()));
            checks.add(r);
            listener.finished(r);
        }
        if (mode.layers().contains(Layer.PIPELINE) && !cancelled.getAsBoolean()) {
            if (pipeline == null || spec.gitlab().isEmpty() || pre.state().isEmpty()) {
                CheckResult r = CheckResult.skipped(Layer.PIPELINE, CheckNames.PIPELINE, spec.gitlab().isEmpty()
                        ? "the spec has no gitlab: section" : pipeline == null ? "no GitLab connection"
                        : "the project could not be read");
                checks.add(r);
                listener.finished(r);
            } else {
                PipelineCheck.Result r = pipeline.run(pre.state().get().values(), listener, cancelled);
                checks.addAll(r.checks());
                job = r.job();
                run = r.pipeline();
            }
        }
        return new VerifyReport(mode, checks, job, cancelled.getAsBoolean(), run);
    }

    /** The steps the failing permission checks (and APIs) name: they are what a refused launch needs too. */
    private static List<String> permissionSteps(List<CheckResult> preflight) {
        Set<String> names = Set.of(CheckNames.APIS, CheckNames.WORKER_ROLE, CheckNames.LAUNCH_PERMISSION, CheckNames.ACT_AS);
        Set<String> out = new LinkedHashSet<>();
        preflight.stream().filter(c -> names.contains(c.name()) && c.blocks()).forEach(c -> out.addAll(c.fixSteps()));
        return List.copyOf(out);
    }

    private static CheckResult withFixSteps(CheckResult r, PreflightState state) {
        if (r.status() != CheckStatus.FAIL) {
            return r;
        }
        Set<String> steps = new LinkedHashSet<>(r.fixSteps());
        steps.addAll(VerifyFix.forFindings(r.findings(), state.values()));
        return new CheckResult(r.layer(), r.name(), r.status(), r.detail(), r.findings(), r.fix(), List.copyOf(steps));
    }
}
