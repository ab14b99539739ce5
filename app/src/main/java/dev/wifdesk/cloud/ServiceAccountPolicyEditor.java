package dev.wifdesk.cloud;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-modify-write of a service account's IAM policy with the etag: get, change only our
 * binding, set with the etag read; on 409 ABORTED (a concurrent edit) start over, with backoff.
 * Every other binding and member is kept exactly as read.
 */
public final class ServiceAccountPolicyEditor {
    private final Iam iam;
    private final EtagRetry.Sleeper sleeper;

    public ServiceAccountPolicyEditor(Iam iam) {
        this(iam, Thread::sleep);
    }

    ServiceAccountPolicyEditor(Iam iam, EtagRetry.Sleeper sleeper) {
        this.iam = iam;
        this.sleeper = sleeper;
    }

    public Policy read(String resource) throws IOException {
        return iam.projects().serviceAccounts().getIamPolicy(resource).setOptionsRequestedPolicyVersion(3).execute();
    }

    /** Applies the change; returns the policy as stored, or the unchanged policy if nothing was to do. */
    public Policy apply(PolicyChange change) throws IOException {
        return EtagRetry.run(() -> {
            Policy policy = read(change.resource());
            if (!edit(policy, change)) {
                return policy;
            }
            return iam.projects().serviceAccounts().setIamPolicy(change.resource(),
                    new SetIamPolicyRequest().setPolicy(policy)).execute();
        }, sleeper);
    }

    /**
     * Applies several changes to one account's policy in one read-modify-write (one write, not one
     * per binding); returns the policy as stored, or as read when every change was in place.
     */
    public Policy apply(String resource, List<PolicyChange> changes) throws IOException {
        return apply(resource, changes, null);
    }

    /**
     * The same, with the policy the caller has just read (its etag guards the write) as the first
     * attempt's: no second get. A 409 re-reads as usual. {@code justRead} null: read first.
     */
    public Policy apply(String resource, List<PolicyChange> changes, Policy justRead) throws IOException {
        Policy[] first = {justRead};
        return EtagRetry.run(() -> {
            Policy policy = first[0] != null ? first[0] : read(resource);
            first[0] = null;
            boolean changed = false;
            for (PolicyChange change : changes) {
                if (!change.resource().equals(resource)) {
                    throw new IllegalArgumentException(change.describe() + " is not a change of " + resource);
                }
                changed |= edit(policy, change);
            }
            return changed ? iam.projects().serviceAccounts().setIamPolicy(resource,
                    new SetIamPolicyRequest().setPolicy(policy)).execute() : policy;
        }, sleeper);
    }

    /** Changes {@code policy} in place; false when it already says what the change wants. */
    static boolean edit(Policy policy, PolicyChange change) {
        List<Binding> bindings = policy.getBindings() == null ? new ArrayList<>() : new ArrayList<>(policy.getBindings());
        Binding target = bindings.stream()
                .filter(b -> change.role().equals(b.getRole()) && b.getCondition() == null)
                .findFirst().orElse(null);
        if (change.add()) {
            if (target == null) {
                target = new Binding().setRole(change.role()).setMembers(new ArrayList<>());
                bindings.add(target);
            }
            List<String> members = target.getMembers() == null ? new ArrayList<>() : new ArrayList<>(target.getMembers());
            if (members.contains(change.member())) {
                return false;
            }
            members.add(change.member());
            target.setMembers(members);
        } else {
            if (target == null || target.getMembers() == null || !target.getMembers().contains(change.member())) {
                return false;
            }
            List<String> members = new ArrayList<>(target.getMembers());
            members.remove(change.member());
            if (members.isEmpty()) {
                bindings.remove(target);
            } else {
                target.setMembers(members);
            }
        }
        policy.setBindings(bindings);
        if (policy.getVersion() == null || policy.getVersion() < 3) {
            policy.setVersion(3);
        }
        return true;
    }

}
