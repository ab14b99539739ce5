package dev.wifdesk.rotate;

import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.Operations;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Bindings;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.IamResources;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Reads;
import dev.wifdesk.plan.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The steps that end (or revive) the old path: a provider disabled or enabled again (reversible),
 * the old pool's members removed from an account, the old pool deleted (undeletable for 30 days),
 * and the rotation marker on the new pool. Each re-reads its resource when it runs, so a re-run
 * after a crash finishes the work and a second run changes nothing.
 */
final class LifecycleSteps {
    /** How long a deleted pool can be undeleted before it is purged (WIF-FACTS.md). */
    static final Duration SOFT_DELETE = Duration.ofDays(30);
    static final String DELETE_POOL = "delete-pool";
    static final String MARKER = "rotation-marker";

    private LifecycleSteps() {
    }

    static Step providerEnabled(WorkloadIdentityPoolProvider p, boolean enabled, List<String> dependsOn) {
        String id = PoolReader.idOf(p.getName());
        boolean disabledNow = Boolean.TRUE.equals(p.getDisabled());
        Action action = disabledNow == !enabled ? Action.NONE : Action.UPDATE;
        String verb = enabled ? "enable" : "disable";
        return new Step(verb + "-provider:" + id, action, p.getName(),
                (enabled ? "Enable the old provider " : "Disable the old provider (reversible: rollback enables it) ") + id,
                action == Action.NONE ? List.of() : List.of(new FieldDiff("disabled", String.valueOf(disabledNow),
                        String.valueOf(!enabled))),
                action == Action.NONE ? "" : "iam.projects.locations.workloadIdentityPools.providers.patch",
                action == Action.NONE ? "" : "gcloud iam workload-identity-pools providers update-oidc " + id
                        + " --location=global --workload-identity-pool=" + poolIdOf(p.getName())
                        + (enabled ? " --no-disabled" : " --disabled"),
                dependsOn, c -> {
                    var providers = c.google().iam().projects().locations().workloadIdentityPools().providers();
                    WorkloadIdentityPoolProvider now = providers.get(p.getName()).execute();
                    return IamResources.updateProvider(c, p.getName(), now.clone().setDisabled(!enabled));
                });
    }

    /** Removes exactly {@code members} of the old pool from one account's policy; every other member stays. */
    static Step removeMembers(String email, String resource, List<PoolReader.PoolMember> members, List<String> dependsOn) {
        List<PolicyChange> removals = members.stream().filter(m -> !m.conditional())
                .map(m -> new PolicyChange(resource, m.role(), m.member(), false)).distinct().toList();
        return new Step("remove-bindings:" + email, removals.isEmpty() ? Action.NONE : Action.UPDATE, resource,
                "Remove the old pool's members from " + email + " (no other member is touched)",
                removals.stream().map(ch -> new FieldDiff(ch.role(), ch.member(), "")).toList(),
                removals.isEmpty() ? "" : "iam.projects.serviceAccounts.setIamPolicy (read-modify-write with the etag)",
                String.join("\n", removals.stream().map(ch -> "gcloud iam service-accounts remove-iam-policy-binding "
                        + email + " --role=" + ch.role() + " --member=" + ch.member()).toList()),
                dependsOn, c -> Bindings.ensureServiceAccount(c, removals));
    }

    /** Deletes the pool; the step's diff shows when it will be purged for good. */
    static Step deletePool(WorkloadIdentityPool pool, Instant now, List<String> dependsOn) {
        boolean deleted = PoolReader.DELETED.equals(pool.getState());
        String purge = deleted ? String.valueOf(pool.getExpireTime()) : now.plus(SOFT_DELETE).toString();
        String id = PoolReader.idOf(pool.getName());
        return new Step(DELETE_POOL, deleted ? Action.NONE : Action.DELETE, pool.getName(),
                "Delete the old pool " + id + (deleted ? " (deleted; purged at " : " (undeletable for 30 days; purged about ")
                        + purge + ")",
                deleted ? List.of() : List.of(new FieldDiff("state", String.valueOf(pool.getState()), PoolReader.DELETED),
                        FieldDiff.added("purgeTime", purge)),
                deleted ? "" : "iam.projects.locations.workloadIdentityPools.delete",
                deleted ? "" : "gcloud iam workload-identity-pools delete " + id + " --location=global --quiet",
                dependsOn, c -> {
                    var pools = c.google().iam().projects().locations().workloadIdentityPools();
                    WorkloadIdentityPool seen = Reads.find(() -> pools.get(pool.getName()).execute());
                    if (seen == null || PoolReader.DELETED.equals(seen.getState())) {
                        return Outcome.ALREADY_EXISTS;
                    }
                    c.audited().call("iam.workloadIdentityPools.delete", pool.getName(), "rotation: retire the old pool",
                            () -> new Operations(c.google().iam()).await(pools.delete(pool.getName()).execute(),
                                    "the deletion of " + pool.getName()));
                    return Outcome.UPDATED;
                });
    }

    /** Writes {@code want} at the end of the new pool's description; none when it is there already. */
    static Step marker(WorkloadIdentityPool pool, RotationMarker want, List<String> dependsOn) {
        String before = pool.getDescription() == null ? "" : pool.getDescription();
        String after = want.appendTo(before);
        boolean same = RotationMarker.parse(before).map(m -> sameState(m, want)).orElse(false);
        return new Step(MARKER, same ? Action.NONE : Action.UPDATE, pool.getName(),
                "Rotation state on the new pool's description: " + want.text(),
                same ? List.of() : List.of(new FieldDiff("description", before, after)),
                same ? "" : "iam.projects.locations.workloadIdentityPools.patch",
                same ? "" : "gcloud iam workload-identity-pools update " + PoolReader.idOf(pool.getName())
                        + " --location=global --description='" + after.replace("'", "'\\''") + "'",
                dependsOn, c -> {
                    var pools = c.google().iam().projects().locations().workloadIdentityPools();
                    WorkloadIdentityPool now = pools.get(pool.getName()).execute();
                    if (RotationMarker.parse(now.getDescription()).map(m -> sameState(m, want)).orElse(false)) {
                        return Outcome.ALREADY_EXISTS;
                    }
                    return IamResources.updatePool(c, pool.getName(), new WorkloadIdentityPool()
                            .setDisplayName(now.getDisplayName()).setDisabled(Boolean.TRUE.equals(now.getDisabled()))
                            .setDescription(want.appendTo(now.getDescription())));
                });
    }

    /** Switched or not is what matters: a re-run of switch keeps the first switch time. */
    private static boolean sameState(RotationMarker have, RotationMarker want) {
        return have.rotatedFrom().equals(want.rotatedFrom()) && have.switchedAt().isPresent() == want.switchedAt().isPresent();
    }

    private static String poolIdOf(String providerName) {
        String pool = providerName.substring(0, providerName.lastIndexOf("/providers/"));
        return PoolReader.idOf(pool);
    }
}
