package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.ui.connection.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A hand-written double of the wizard's own port (not of a Google or GitLab library): a project
 * with one API missing, ids that are free unless listed as taken or soft-deleted, and a plan of
 * three steps whose changes record that they ran; once applied, a second plan has no changes.
 */
final class FakeSetupService implements SetupService {
    static final String NUMBER = "428617359021";
    final Set<String> takenPools = new HashSet<>();
    final Set<String> deletedPools = new HashSet<>();
    final List<String> ran = new ArrayList<>();
    final List<FederationSpec> planned = new ArrayList<>();
    final List<GitLabAccess> gitlabSeen = new ArrayList<>();
    /** The step id whose change fails, or null. */
    String failing;
    boolean applied;
    /** Runs after each step's change (a test presses Cancel here). */
    java.util.function.Consumer<String> afterStep = id -> { };

    @Override
    public ProjectSummary project(Connection connection, String projectId) throws IOException {
        if (projectId.equals("unreadable")) {
            throw new IOException("403 Forbidden: the caller does not have permission");
        }
        return new ProjectSummary(projectId, NUMBER, List.of("sts.googleapis.com"));
    }

    @Override
    public IdState poolState(Connection connection, String projectNumber, String poolId) {
        return deletedPools.contains(poolId) ? IdState.SOFT_DELETED
                : takenPools.contains(poolId) ? IdState.TAKEN : IdState.FREE;
    }

    @Override
    public IdState providerState(Connection connection, String projectNumber, String poolId, String providerId) {
        return IdState.FREE;
    }

    @Override
    public SetupReview review(Connection connection, GitLabAccess gitlab, FederationSpec spec) {
        planned.add(spec);
        gitlabSeen.add(gitlab);
        Action a = applied ? Action.NONE : Action.CREATE;
        String pool = "projects/" + NUMBER + "/locations/global/workloadIdentityPools/" + spec.gcp().pool().id();
        List<Step> steps = List.of(step("pool", a, pool), step("provider", a, pool + "/providers/" + spec.gcp().provider().id()),
                step("variables", a, spec.gitlab().orElseThrow().project()));
        List<SetupReview.Row> rows = steps.stream().map(s -> new SetupReview.Row(s.id(), s.action(), s.resource(),
                "make " + s.id(), a == Action.NONE ? List.of() : List.of(new SetupReview.Diff("displayName", "", s.id())),
                "POST " + s.id(), "gcloud iam " + s.id() + " create")).toList();
        List<Finding> findings = List.of(new Finding(FindingCode.BINDING_TOO_BROAD, Severity.WARNING,
                "unprotected refs may reach the deploy account", "add assertion.ref_protected == \"true\"", Map.of()));
        return new SetupReview(new Plan(steps), rows, findings, applied ? 0 : steps.size());
    }

    private Step step(String id, Action action, String resource) {
        return new Step(id, action, resource, "make " + id, List.of(), c -> {
            if (id.equals(failing)) {
                throw new IOException("409 ALREADY_EXISTS: Requested entity already exists");
            }
            ran.add(id);
            afterStep.accept(id);
            return action == Action.NONE ? Outcome.ALREADY_EXISTS : Outcome.CREATED;
        });
    }

    @Override
    public PlanRun apply(Connection connection, GitLabAccess gitlab, SetupReview review, PlanExecutor.Listener listener,
                         BooleanSupplier cancelled) throws Exception {
        // the real executor over a context the fake steps never touch
        var google = new dev.wifdesk.cloud.GoogleClients(dev.wifdesk.cloud.Target.sandbox(
                java.net.URI.create("http://127.0.0.1:9"), "unused", "tester@example.com"));
        var audited = new dev.wifdesk.plan.AuditedChanges(new dev.wifdesk.audit.AuditLog(
                java.nio.file.Files.createTempFile("wizard-audit", ".jsonl")), "tester@example.com",
                java.time.Clock.systemUTC());
        PlanRun run = PlanExecutor.run(review.plan(), new dev.wifdesk.plan.ChangeContext(google, java.util.Optional.empty(),
                audited), listener, cancelled, 1);
        applied = run.succeeded();
        return run;
    }
}
