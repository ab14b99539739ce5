package dev.wifdesk.rotate;

import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.setup.ProjectFacts;
import dev.wifdesk.plan.setup.SetupPlan;
import dev.wifdesk.plan.setup.SetupPlanner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gitlab4j.api.GitLabApi;

/**
 * The rotation planner: each phase of a quarterly pool rotation as a plan of steps for the setup
 * executor, planned from the live state with reads only. Prepare is the setup engine's plan of the
 * spec with the pool id replaced (without its GitLab step) plus the mirror steps; switch is the
 * setup's GitLab variables step for the new pool; rollback is the setup of the spec's (old) pool;
 * retire disables, unbinds and deletes the old pool. State lives on the new pool (see
 * {@link RotationMarker}), so every phase can be re-run and completes what a crash left undone.
 */
public final class Rotation {
    public static final Duration DEFAULT_GRACE = Duration.ofDays(7);
    static final String VARIABLES_STEP = dev.wifdesk.plan.setup.SetupStepIds.GITLAB_VARIABLES;
    /** The setup's GitLab steps: prepare and rollback leave them out (the verification job names no pool). */
    static final Set<String> GITLAB_STEPS = Set.of(VARIABLES_STEP, dev.wifdesk.plan.setup.SetupStepIds.CI_FILE);

    private final GoogleClients google;
    private final Optional<GitLabApi> gitlab;
    private final Clock clock;
    private final PoolReader reader;

    /** {@code gitlab} empty: the GitLab variables are neither read nor switched (a spec without {@code gitlab:}). */
    public Rotation(GoogleClients google, Optional<GitLabApi> gitlab, Clock clock) {
        this.google = google;
        this.gitlab = gitlab;
        this.clock = clock;
        this.reader = new PoolReader(google);
    }

    /** What every phase reads first: the project, the spec's (old) pool, all pools, and the prepared new pool. */
    private record Scene(ProjectFacts project, SetupValues oldValues, List<WorkloadIdentityPool> pools,
                         Optional<WorkloadIdentityPool> oldPool, Optional<WorkloadIdentityPool> newPool) {
        String oldId() {
            return oldValues.poolId();
        }

        Optional<RotationMarker> marker() {
            return newPool.flatMap(p -> RotationMarker.parse(p.getDescription()));
        }

        boolean oldDeleted() {
            return oldPool.map(p -> PoolReader.DELETED.equals(p.getState())).orElse(false);
        }
    }

    private Scene scene(FederationSpec spec) throws IOException {
        ProjectFacts project = ProjectFacts.read(google, spec.gcp().project());
        SetupValues oldValues = new SetupValues(spec, project.projectNumber());
        List<WorkloadIdentityPool> pools = reader.pools(spec.gcp().project());
        Optional<WorkloadIdentityPool> old = pools.stream().filter(p -> p.getName().equals(oldValues.poolName())).findFirst();
        Optional<WorkloadIdentityPool> next = pools.stream().filter(p -> !PoolReader.DELETED.equals(p.getState()))
                .filter(p -> RotationMarker.parse(p.getDescription()).map(m -> m.rotatedFrom().equals(oldValues.poolId()))
                        .orElse(false)).findFirst();
        return new Scene(project, oldValues, pools, old, next);
    }

    /** The new pool's spec, its setup plan (with the GitLab step when connected) and the prepare steps. */
    private record Prepared(Scene scene, String newId, SetupValues newValues, SetupPlan setup, List<Step> steps,
                            List<RotationFinding> findings, RotationMarker marker) {
        Optional<Step> variables() {
            return setup.plan().steps().stream().filter(s -> s.id().equals(VARIABLES_STEP)).findFirst();
        }
    }

    public RotationPlan prepare(FederationSpec spec, Optional<String> newPoolId, boolean copyUnmanagedBindings)
            throws IOException, InvalidSpecException, RotationRefused {
        Prepared p = prepared(scene(spec), spec, newPoolId, copyUnmanagedBindings, true);
        return plan(RotationPlan.Phase.PREPARE, p.scene(), p.newId(), p.newValues(), p.steps(), p.findings());
    }

    /** {@code atPrepare}: the bridge audience may be added (only prepare decides it; later phases keep what it made). */
    private Prepared prepared(Scene s, FederationSpec spec, Optional<String> override, boolean copyUnmanaged,
                              boolean atPrepare) throws IOException, InvalidSpecException, RotationRefused {
        WorkloadIdentityPool old = requireLiveOld(s);
        String newId = newPoolId(s, override);
        List<WorkloadIdentityPoolProvider> oldProviders = reader.providers(old.getName(), false);
        WorkloadIdentityPoolProvider specProvider = oldProviders.stream()
                .filter(pr -> pr.getName().equals(s.oldValues().providerName())).findFirst()
                .orElseThrow(() -> new RotationRefused("the spec's provider " + s.oldValues().providerName()
                        + " does not exist: there is nothing to rotate; run 'wifdesk apply' first"));
        RotationMarker marker = s.newPool().filter(p -> PoolReader.idOf(p.getName()).equals(newId))
                .flatMap(p -> RotationMarker.parse(p.getDescription())).orElse(RotationMarker.preparedFrom(s.oldId()));
        String newPoolName = dev.wifdesk.model.ResourceNames.poolName(s.project().projectNumber(), newId);
        Optional<WorkloadIdentityPool> newPool = s.pools().stream().filter(p -> p.getName().equals(newPoolName)).findFirst();
        List<WorkloadIdentityPoolProvider> inNew = newPool.filter(p -> !PoolReader.DELETED.equals(p.getState())).isPresent()
                ? reader.providers(newPoolName, true) : List.of();
        Optional<CiFileAudience.Scope> ciFile = ciFileScope(spec, s.oldValues(), newId);
        BridgeAudience.Wanted bridge = ciFile.isEmpty() ? BridgeAudience.Wanted.NONE : BridgeAudience.wanted(gitlab.get(),
                ciFile.get(), specProvider, atPrepare, inNew.stream().filter(n -> PoolReader.idOf(n.getName())
                        .equals(s.oldValues().providerId()) && !PoolReader.DELETED.equals(n.getState())).findFirst());
        FederationSpec newSpec = RotationSpecs.forPool(spec, newId, marker.appendTo(spec.gcp().pool().description()),
                specProvider);
        if (!bridge.audiences().isEmpty()) {
            newSpec = RotationSpecs.withAudiences(newSpec, bridge.audiences());
        }
        refuseInvalid(newSpec, override.isPresent());
        SetupPlan setup = new SetupPlanner(google, spec.gitlab().flatMap(g -> gitlab)).plan(newSpec);
        SetupValues newValues = setup.values();
        List<Step> steps = new ArrayList<>(setup.plan().steps().stream().filter(st -> !GITLAB_STEPS.contains(st.id())).toList());
        List<RotationFinding> findings = new ArrayList<>();
        if (!bridge.audiences().isEmpty()) {
            BridgeAudience.explain(gitlab.get(), ciFile.get(), bridge, newValues, steps, findings);
        }
        for (WorkloadIdentityPoolProvider other : oldProviders) {
            if (!other.getName().equals(specProvider.getName())) {
                String id = PoolReader.idOf(other.getName());
                steps.add(MirrorSteps.provider(newValues, other,
                        inNew.stream().filter(n -> PoolReader.idOf(n.getName()).equals(id)).findFirst()));
            }
        }
        if (atPrepare) { // a policy read per account; the switch neither copies nor reports these bindings
            steps.addAll(unmanagedBindings(s, newId, copyUnmanaged, findings));
        }
        return new Prepared(s, newId, newValues, setup, steps, findings, marker);
    }

    /** The members of the old pool that the spec does not make: findings, and copies when the user asks. */
    private List<Step> unmanagedBindings(Scene s, String newId, boolean copy, List<RotationFinding> findings)
            throws IOException {
        String project = s.project().projectId();
        String number = s.project().projectNumber();
        Map<String, Policy> policies = reader.accountPolicies(project);
        Set<String> managed = new java.util.HashSet<>();
        for (SetupValues.Account a : s.oldValues().serviceAccounts()) {
            a.impersonators().forEach(m -> managed.add(a.email() + " " + SetupValues.WORKLOAD_IDENTITY_USER + " " + m));
        }
        Map<String, List<PolicyChange>> copies = new LinkedHashMap<>();
        for (PoolReader.PoolMember m : PoolReader.membersOf(policies, project, number, s.oldId())) {
            if (managed.contains(m.email() + " " + m.role() + " " + m.member()) && !m.conditional()) {
                continue;
            }
            String newMember = PoolReader.inPool(m.member(), number, s.oldId(), newId);
            findings.add(new RotationFinding(RotationFinding.UNMANAGED_BINDING, "warning", "On " + m.email() + ", "
                    + m.role() + " for " + m.member() + (m.conditional() ? " (with a condition)" : "")
                    + " was not made from the spec: it is not copied to the new pool " + newId,
                    m.conditional() ? "copy it by hand for " + newMember + " if the new pool needs it"
                            : "pass --copy-unmanaged-bindings to grant " + newMember + " the same role, or leave it out"));
            if (copy && !m.conditional()) {
                copies.computeIfAbsent(m.email(), e -> new ArrayList<>())
                        .add(new PolicyChange(m.resource(), m.role(), newMember, true));
            }
        }
        List<Step> steps = new ArrayList<>();
        copies.forEach((email, changes) -> steps.add(MirrorSteps.bindings(email, changes.get(0).resource(), changes,
                policies.get(email))));
        return steps;
    }

    public RotationPlan switchOver(FederationSpec spec, boolean overwriteChangedVariables)
            throws IOException, InvalidSpecException, RotationRefused {
        Scene s = scene(spec);
        WorkloadIdentityPool next = requirePrepared(s);
        Prepared p = prepared(s, spec, Optional.empty(), false, false);
        List<String> left = p.steps().stream().filter(Step::changes).map(Step::id).toList();
        if (!left.isEmpty()) {
            throw new RotationRefused("the new pool " + p.newId() + " is not ready: " + left.size()
                    + " step(s) of prepare are left (" + String.join(", ", left) + "); run --phase prepare first");
        }
        List<RotationFinding> findings = new ArrayList<>();
        List<String> changed = gitlab.isPresent() && spec.gitlab().isPresent()
                ? VariableDrift.changedByOthers(gitlab.get(), s.oldValues(), p.newValues()) : List.of();
        if (!changed.isEmpty() && !overwriteChangedVariables) {
            throw new RotationRefused("CI/CD variables of " + s.oldValues().gitlabProjectPath()
                    + " were changed by someone else (neither the old nor the new provider's value): "
                    + String.join("; ", changed) + ". Check them; pass --overwrite-changed-variables to switch them anyway");
        }
        changed.forEach(c -> findings.add(new RotationFinding(RotationFinding.VARIABLES_CHANGED, "warning",
                "Changed by someone else, overwritten by the switch: " + c, "none: you passed --overwrite-changed-variables")));
        List<Step> steps = new ArrayList<>();
        p.variables().ifPresent(steps::add);
        Optional<CiFileAudience.Scope> ciFile = ciFileScope(spec, s.oldValues(), p.newId());
        if (ciFile.isPresent()) {
            CiFileAudience.forSwitch(gitlab.get(), ciFile.get(), !p.newValues().allowedAudiences().isEmpty())
                    .ifPresent(c -> add(c, steps, findings));
        }
        steps.add(LifecycleSteps.marker(next, p.marker().switchedAt().isPresent() ? p.marker()
                : p.marker().switched(clock.instant()), steps.stream().map(Step::id).toList()));
        return plan(RotationPlan.Phase.SWITCH, s, p.newId(), p.newValues(), steps, findings);
    }

    /**
     * With the provider's default audience the {@code aud} names the provider, so it changes with the
     * switch. The verification job asks for {@code $WIF_ID_TOKEN_AUD}, which the switch moves; a
     * {@code .gitlab-ci.yml} that spells the old audience out is changed by merge request
     * ({@link CiFileAudience}). Empty without GitLab or with a custom audience (it stays the same).
     */
    private Optional<CiFileAudience.Scope> ciFileScope(FederationSpec spec, SetupValues oldValues, String newId) {
        if (gitlab.isEmpty() || spec.gitlab().isEmpty() || !oldValues.allowedAudiences().isEmpty()) {
            return Optional.empty();
        }
        String newAudience = dev.wifdesk.model.CiContract.providerValue(dev.wifdesk.model.ResourceNames.providerName(
                oldValues.projectNumber(), newId, oldValues.providerId()));
        return Optional.of(new CiFileAudience.Scope(oldValues.gitlabProjectPath(), spec.gitlab().get().ref(),
                oldValues.providerAudience(), newAudience, newId));
    }

    private static void add(CiFileAudience.Planned c, List<Step> steps, List<RotationFinding> findings) {
        steps.add(c.step());
        findings.add(c.finding());
    }

    /**
     * Back to the old path. A bridge audience on the new provider stays: the old provider is untouched,
     * so jobs asking for the old audience pass on it; the bridge admits no one the old provider does
     * not, and keeping it means a second switch needs no new prepare.
     */
    public RotationPlan rollback(FederationSpec spec) throws IOException, InvalidSpecException, RotationRefused {
        Scene s = scene(spec);
        WorkloadIdentityPool next = requirePrepared(s);
        if (s.oldPool().isEmpty()) {
            throw new RotationRefused("the spec's pool " + s.oldId() + " does not exist: there is no old path to roll back to");
        }
        SetupPlan old = new SetupPlanner(google, spec.gitlab().flatMap(g -> gitlab)).plan(spec);
        List<Step> steps = new ArrayList<>(old.plan().steps().stream().filter(st -> !GITLAB_STEPS.contains(st.id())).toList());
        if (!s.oldDeleted()) {
            List<WorkloadIdentityPoolProvider> mirrors = reader.providers(next.getName(), false);
            for (WorkloadIdentityPoolProvider p : reader.providers(s.oldPool().get().getName(), false)) {
                boolean mirrorEnabled = mirrors.stream().anyMatch(m -> PoolReader.idOf(m.getName())
                        .equals(PoolReader.idOf(p.getName())) && !Boolean.TRUE.equals(m.getDisabled()));
                if (!p.getName().equals(s.oldValues().providerName()) && mirrorEnabled) {
                    steps.add(LifecycleSteps.providerEnabled(p, true, List.of(MirrorSteps.POOL_STEP)));
                }
            }
        }
        List<String> before = steps.stream().map(Step::id).toList();
        old.plan().steps().stream().filter(st -> st.id().equals(VARIABLES_STEP)).findFirst()
                .ifPresent(v -> steps.add(after(v, before))); // the old path is whole before the jobs are pointed at it
        List<RotationFinding> findings = new ArrayList<>();
        Optional<CiFileAudience.Scope> ciFile = ciFileScope(spec, s.oldValues(), PoolReader.idOf(next.getName()));
        if (ciFile.isPresent()) {
            CiFileAudience.forRollback(gitlab.get(), ciFile.get()).ifPresent(c -> add(c, steps, findings));
        }
        RotationMarker marker = s.marker().orElseThrow();
        steps.add(LifecycleSteps.marker(next, marker.unswitched(), steps.stream().map(Step::id).toList()));
        return plan(RotationPlan.Phase.ROLLBACK, s, PoolReader.idOf(next.getName()), old.values(), steps, findings);
    }

    public RotationPlan retire(FederationSpec spec, Duration grace) throws IOException, InvalidSpecException, RotationRefused {
        Scene s = scene(spec);
        WorkloadIdentityPool next = requirePrepared(s);
        RotationMarker marker = s.marker().orElseThrow();
        Instant switched = marker.switchedAt().orElseThrow(() -> new RotationRefused("the GitLab variables were not switched"
                + " to " + PoolReader.idOf(next.getName()) + " yet: run --phase switch first"));
        String newId = PoolReader.idOf(next.getName());
        WorkloadIdentityPoolProvider newProvider = providerOf(next.getName(), s.oldValues().providerId());
        FederationSpec newSpec = RotationSpecs.forPool(spec, newId, next.getDescription(), newProvider);
        List<Step> steps = new ArrayList<>();
        List<RotationFinding> findings = new ArrayList<>();
        Optional<CiFileAudience.Scope> ciFile = ciFileScope(spec, s.oldValues(), newId);
        Optional<BridgeAudience.Retire> bridge = ciFile.isEmpty() ? Optional.empty()
                : BridgeAudience.forRetire(gitlab.get(), ciFile.get(), newProvider);
        if (bridge.isPresent()) { // its removal goes first, before anything of the old pool
            findings.add(bridge.get().finding());
            bridge.get().removal().ifPresent(steps::add);
            newSpec = bridge.get().removal().isPresent() ? RotationSpecs.withAudiences(newSpec, List.of()) : newSpec;
        }
        SetupValues newValues = new SetupValues(newSpec, s.project().projectNumber());
        if (gitlab.isPresent() && spec.gitlab().isPresent()
                && !VariableDrift.pointAt(gitlab.get(), newValues)) {
            throw new RotationRefused("the CI/CD variables of " + newValues.gitlabProjectPath() + " do not all point at "
                    + newId + ": run --phase switch (or --phase rollback) first");
        }
        Instant ends = switched.plus(grace);
        if (clock.instant().isBefore(ends)) {
            throw new RotationRefused("the grace period runs until " + ends + " (" + grace.toDays() + " days after the switch"
                    + " at " + switched + "): retire then, or shorten it with --grace-period-days");
        }
        List<String> bridgeGone = steps.stream().map(Step::id).toList();
        if (s.oldPool().isPresent() && !s.oldDeleted()) {
            for (WorkloadIdentityPoolProvider p : reader.providers(s.oldPool().get().getName(), false)) {
                steps.add(LifecycleSteps.providerEnabled(p, false, bridgeGone));
            }
        }
        List<String> disabled = steps.stream().map(Step::id).toList();
        Map<String, List<PoolReader.PoolMember>> byAccount = PoolReader.membersOf(reader.accountPolicies(
                s.project().projectId()), s.project().projectId(), s.project().projectNumber(), s.oldId()).stream()
                .collect(Collectors.groupingBy(PoolReader.PoolMember::email, LinkedHashMap::new, Collectors.toList()));
        byAccount.forEach((email, members) -> {
            steps.add(LifecycleSteps.removeMembers(email, members.get(0).resource(), members, disabled));
            members.stream().filter(PoolReader.PoolMember::conditional).forEach(m -> findings.add(new RotationFinding(
                    RotationFinding.UNMANAGED_BINDING, "warning", "On " + email + ", " + m.role() + " for " + m.member()
                    + " has a condition and is not removed", "remove it by hand if it is no longer needed")));
        });
        if (s.oldPool().isPresent()) {
            steps.add(LifecycleSteps.deletePool(s.oldPool().get(), clock.instant(), steps.stream().map(Step::id).toList()));
        }
        return plan(RotationPlan.Phase.RETIRE, s, newId, newValues, steps, findings);
    }

    private WorkloadIdentityPoolProvider providerOf(String poolName, String providerId) throws IOException {
        return reader.providers(poolName, false).stream().filter(p -> PoolReader.idOf(p.getName()).equals(providerId))
                .findFirst().orElse(null);
    }

    private RotationPlan plan(RotationPlan.Phase phase, Scene s, String newId, SetupValues values, List<Step> steps,
                              List<RotationFinding> findings) {
        return new RotationPlan(phase, s.oldId(), newId, new SetupPlan(values, s.project(), new Plan(steps), List.of()),
                findings);
    }

    private static WorkloadIdentityPool requireLiveOld(Scene s) throws RotationRefused {
        WorkloadIdentityPool old = s.oldPool().orElseThrow(() -> new RotationRefused("the spec's pool " + s.oldId()
                + " does not exist: there is nothing to rotate; run 'wifdesk apply' first"));
        if (s.oldDeleted()) {
            throw new RotationRefused("the spec's pool " + s.oldId() + " is DELETED" + s.newPool().map(p -> " (rotated to "
                    + PoolReader.idOf(p.getName()) + "): point gcp.pool.id of the spec at it").orElse(""));
        }
        return old;
    }

    private static WorkloadIdentityPool requirePrepared(Scene s) throws RotationRefused {
        return s.newPool().orElseThrow(() -> new RotationRefused("no rotation from " + s.oldId()
                + " is prepared (no pool carries [rotated-from: " + s.oldId() + "]): run --phase prepare first"));
    }

    /** The prepared pool's id, an explicit one, or the next free id of the naming scheme. */
    private String newPoolId(Scene s, Optional<String> override) throws RotationRefused {
        Optional<String> prepared = s.newPool().map(p -> PoolReader.idOf(p.getName()));
        if (override.isPresent()) {
            String id = override.get();
            if (prepared.isPresent() && !prepared.get().equals(id)) {
                throw new RotationRefused("--new-pool-id " + id + ": a rotation from " + s.oldId() + " is already prepared"
                        + " as " + prepared.get() + "; roll it back and delete it first, or leave --new-pool-id out");
            }
            Optional<WorkloadIdentityPool> holder = s.pools().stream().filter(p -> PoolReader.idOf(p.getName()).equals(id))
                    .findFirst();
            if (holder.isPresent() && prepared.isEmpty()) {
                boolean deleted = PoolReader.DELETED.equals(holder.get().getState());
                throw new RotationRefused("--new-pool-id " + id + ": the id is held by " + (deleted
                        ? "a soft-deleted pool (it cannot be reused until it is purged at " + holder.get().getExpireTime() + ")"
                        : "an existing pool that is not a rotation of " + s.oldId()) + "; choose another id");
            }
            return id;
        }
        if (prepared.isPresent()) {
            return prepared.get();
        }
        return PoolIds.next(s.oldId(), clock.instant(), s.pools().stream().map(p -> PoolReader.idOf(p.getName()))
                .collect(Collectors.toSet()));
    }

    /** The new id must keep IAM's rules: named as the option when the user gave it, else as the spec field. */
    private static void refuseInvalid(FederationSpec newSpec, boolean explicit) throws RotationRefused {
        List<SpecProblem> problems = new SpecValidator(new CelEngine()).problemsUnder(newSpec, "gcp.pool");
        if (!problems.isEmpty()) {
            throw new RotationRefused(problems.stream().map(p -> explicit && p.field().equals("gcp.pool.id")
                    ? "--new-pool-id" + p.message().substring(p.field().length()) : p.message())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The same step, waiting for {@code dependsOn} first. */
    private static Step after(Step s, List<String> dependsOn) {
        return new Step(s.id(), s.action(), s.resource(), s.description(), s.diff(), s.apiCall(), s.gcloud(), dependsOn,
                s.change());
    }
}
