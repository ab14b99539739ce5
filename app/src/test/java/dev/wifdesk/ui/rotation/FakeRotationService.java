package dev.wifdesk.ui.rotation;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.RotationFinding;
import dev.wifdesk.rotate.RotationMarker;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.rotate.RotationRefused;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.ui.setup.SetupReview;
import dev.wifdesk.verify.CheckNames;
import dev.wifdesk.verify.CheckResult;
import dev.wifdesk.verify.Layer;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.PipelineRun;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A hand-written double of the screen's own port (not of a Google or GitLab library): two pools,
 * the old one overdue; each phase a plan of three steps whose changes record that they ran;
 * retire refused inside a grace period of more than zero days, as the engine does; the
 * verification after a phase as {@link #verification} says (by default the engine's shape: prepare
 * preflight and launch, switch and rollback with a pipeline, retire none).
 */
final class FakeRotationService implements RotationService {
    static final Instant CREATED = Instant.parse("2026-07-01T00:00:00Z");
    final List<String> ran = new ArrayList<>();
    final List<RotationPlan.Phase> planned = new ArrayList<>();
    final List<Options> options = new ArrayList<>();
    final List<Optional<GitLabAccess>> gitlabSeen = new ArrayList<>();
    final List<Duration> policies = new ArrayList<>();
    /** The step id whose change fails, or null. */
    String failing;
    /** Runs after each step's change (a test cancels here). */
    java.util.function.Consumer<String> afterStep = id -> { };
    /** The phases whose path was verified, in order. */
    final List<RotationPlan.Phase> verified = new ArrayList<>();
    /** What the verification after a phase reports. */
    java.util.function.Function<RotationPlan.Phase, Optional<VerifyReport>> verification = FakeRotationService::passing;

    static final PipelineRun PIPELINE = new PipelineRun(41, "success", "https://gitlab.example.com/acme/pipelines/-/pipelines/41");

    static Optional<VerifyReport> passing(RotationPlan.Phase phase) {
        List<CheckResult> checks = new ArrayList<>(List.of(CheckResult.pass(Layer.PREFLIGHT, CheckNames.PROVIDER, "ACTIVE"),
                CheckResult.pass(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE, "validateOnly accepted")));
        return switch (phase) {
            case PREPARE -> Optional.of(new VerifyReport(LaunchMode.VALIDATE, checks, Optional.empty(), false));
            case SWITCH, ROLLBACK -> {
                checks.add(CheckResult.pass(Layer.PIPELINE, CheckNames.PIPELINE, "pipeline 41 success"));
                yield Optional.of(new VerifyReport(LaunchMode.RUN, checks, Optional.empty(), false, Optional.of(PIPELINE)));
            }
            case RETIRE -> Optional.empty();
        };
    }

    @Override
    public List<PoolStatus> pools(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec, Duration policy) {
        policies.add(policy);
        Instant oldDue = CREATED.plus(policy);
        return List.of(new PoolStatus("gitlab-ci", "ACTIVE", false, Optional.of(CREATED), Optional.empty(),
                        Optional.of(oldDue), oldDue.isBefore(dev.wifdesk.ui.support.TestServices.NOW), Optional.empty(),
                        List.of("acme/pipelines WIF_PROVIDER@*")),
                new PoolStatus("gitlab-ci-2026q4", "ACTIVE", false, Optional.empty(),
                        Optional.of(RotationMarker.preparedFrom("gitlab-ci")), Optional.empty(), false, Optional.empty(),
                        List.of()));
    }

    @Override
    public RotationReview plan(Connection connection, Optional<GitLabAccess> gitlab, FederationSpec spec,
                               RotationPlan.Phase phase, Options o) throws RotationRefused {
        planned.add(phase);
        options.add(o);
        gitlabSeen.add(gitlab);
        if (phase == RotationPlan.Phase.RETIRE && !o.grace().isZero()) {
            throw new RotationRefused("the grace period runs until 2026-12-02T10:00:00Z (" + o.grace().toDays()
                    + " days after the switch at 2026-11-25T10:00:00Z): retire then, or shorten it with --grace-period-days");
        }
        String pool = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci-2026q4";
        List<Step> steps = List.of(step("pool", pool), step("provider", pool + "/providers/gitlab-sandbox"),
                step("marker", pool));
        List<SetupReview.Row> rows = steps.stream().map(s -> new SetupReview.Row(s.id(), s.action(), s.resource(),
                "make " + s.id(), List.of(new SetupReview.Diff("displayName", "", s.id())), "POST " + s.id(),
                "gcloud iam " + s.id())).toList();
        List<RotationFinding> findings = List.of(new RotationFinding(RotationFinding.UNMANAGED_BINDING, "warning",
                "On other@sandbox-project.iam.gserviceaccount.com, roles/iam.workloadIdentityUser for a member of gitlab-ci"
                        + " was not made by the spec", "copy it with the option, or grant it by hand"));
        return new RotationReview(phase, "gitlab-ci", "gitlab-ci-2026q4", new SetupReview(new Plan(steps), rows,
                List.of(), steps.size()), findings, spec);
    }

    private Step step(String id, String resource) {
        return new Step(id, Action.CREATE, resource, "make " + id, List.of(), c -> {
            if (id.equals(failing)) {
                throw new IOException("409 ALREADY_EXISTS: Requested entity already exists");
            }
            ran.add(id);
            afterStep.accept(id);
            return Outcome.CREATED;
        });
    }

    @Override
    public PlanRun run(Connection connection, Optional<GitLabAccess> gitlab, RotationReview review,
                       PlanExecutor.Listener listener, BooleanSupplier cancelled) throws Exception {
        // the real executor over a context the fake steps never touch
        var google = new dev.wifdesk.cloud.GoogleClients(dev.wifdesk.cloud.Target.sandbox(
                java.net.URI.create("http://127.0.0.1:9"), "unused", "tester@example.com"));
        var audited = new dev.wifdesk.plan.AuditedChanges(new dev.wifdesk.audit.AuditLog(
                java.nio.file.Files.createTempFile("rotation-audit", ".jsonl")), "tester@example.com",
                java.time.Clock.systemUTC());
        return PlanExecutor.run(review.review().plan(), new dev.wifdesk.plan.ChangeContext(google, Optional.empty(),
                audited), listener, cancelled, 1);
    }

    @Override
    public Optional<VerifyReport> verify(Connection connection, Optional<GitLabAccess> gitlab, RotationReview review,
                                         VerifyListener listener, BooleanSupplier cancelled) {
        verified.add(review.phase());
        return verification.apply(review.phase());
    }
}
