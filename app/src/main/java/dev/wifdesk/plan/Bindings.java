package dev.wifdesk.plan;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.iam.v1.model.Policy;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.cloud.ProjectPolicyEditor;
import dev.wifdesk.cloud.ServiceAccountPolicyEditor;
import java.io.IOException;
import java.util.List;

/**
 * IAM bindings on a service account and on a project, through the etag-safe read-modify-write
 * editors of {@code cloud/} (a concurrent edit is retried, every other binding kept as read).
 * A binding already in place makes no call at all.
 */
public final class Bindings {
    private Bindings() {
    }

    /** CREATE when one of the changes is not in place yet, or the account does not exist yet. */
    public static Action serviceAccountAction(GoogleClients google, List<PolicyChange> changes) throws IOException {
        ServiceAccountPolicyEditor editor = new ServiceAccountPolicyEditor(google.iam());
        for (PolicyChange change : changes) {
            Policy policy = Reads.find(() -> editor.read(change.resource()));
            if (policy == null || !inPlace(policy, change)) {
                return Action.CREATE;
            }
        }
        return Action.NONE;
    }

    public static Outcome ensureServiceAccount(ChangeContext c, List<PolicyChange> changes) throws Exception {
        ServiceAccountPolicyEditor editor = new ServiceAccountPolicyEditor(c.google().iam());
        boolean changed = false;
        for (PolicyChange change : changes) {
            if (!inPlace(editor.read(change.resource()), change)) {
                c.audited().call("iam.serviceAccounts.setIamPolicy", change.resource(), change.describe(),
                        () -> editor.apply(change));
                changed = true;
            }
        }
        return changed ? Outcome.CREATED : Outcome.ALREADY_EXISTS;
    }

    public static Action projectRolesAction(GoogleClients google, String projectId, String member, List<String> roles)
            throws IOException {
        return hasRoles(google, projectId, member, roles) ? Action.NONE : Action.CREATE;
    }

    public static Outcome ensureProjectRoles(ChangeContext c, String projectId, String member, List<String> roles)
            throws Exception {
        if (hasRoles(c.google(), projectId, member, roles)) {
            return Outcome.ALREADY_EXISTS;
        }
        boolean changed = c.audited().call("cloudresourcemanager.projects.setIamPolicy", "projects/" + projectId,
                "+ " + String.join(", ", roles) + " " + member,
                () -> new ProjectPolicyEditor(c.google().resourceManager()).grant(projectId, member, roles));
        return changed ? Outcome.CREATED : Outcome.ALREADY_EXISTS;
    }

    /** The policy already is as the change wants it: the member bound (an add) or not bound (a removal). */
    private static boolean inPlace(Policy policy, PolicyChange change) {
        boolean bound = policy.getBindings() != null && policy.getBindings().stream()
                .anyMatch(b -> change.role().equals(b.getRole()) && b.getCondition() == null
                        && b.getMembers() != null && b.getMembers().contains(change.member()));
        return bound == change.add();
    }

    private static boolean hasRoles(GoogleClients google, String projectId, String member, List<String> roles)
            throws IOException {
        var policy = google.resourceManager().projects().getIamPolicy("projects/" + projectId,
                new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
        var bindings = policy.getBindings() == null ? List.<com.google.api.services.cloudresourcemanager.v3.model.Binding>of()
                : policy.getBindings();
        return roles.stream().allMatch(role -> bindings.stream().anyMatch(b -> role.equals(b.getRole())
                && b.getCondition() == null && b.getMembers() != null && b.getMembers().contains(member)));
    }
}
