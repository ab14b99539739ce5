package dev.wifdesk.plan;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.iam.v1.model.Policy;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.cloud.ProjectPolicyEditor;
import dev.wifdesk.cloud.ServiceAccountPolicyEditor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM bindings on a service account and on a project, through the etag-safe read-modify-write
 * editors of {@code cloud/} (a concurrent edit is retried, every other binding kept as read).
 * A binding already in place makes no call at all; one that is not costs one get and one set (the
 * get that found it missing is the read of the read-modify-write).
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

    /** Makes every change in place, one read-modify-write (one write) per account policy. */
    public static Outcome ensureServiceAccount(ChangeContext c, List<PolicyChange> changes) throws Exception {
        ServiceAccountPolicyEditor editor = new ServiceAccountPolicyEditor(c.google().iam());
        Map<String, List<PolicyChange>> byResource = new LinkedHashMap<>();
        changes.forEach(ch -> byResource.computeIfAbsent(ch.resource(), r -> new ArrayList<>()).add(ch));
        boolean changed = false;
        for (var e : byResource.entrySet()) {
            Policy policy = editor.read(e.getKey());
            List<PolicyChange> missing = e.getValue().stream().filter(ch -> !inPlace(policy, ch)).toList();
            if (!missing.isEmpty()) {
                c.audited().call("iam.serviceAccounts.setIamPolicy", e.getKey(),
                        String.join("; ", missing.stream().map(PolicyChange::describe).toList()),
                        () -> editor.apply(e.getKey(), missing, policy));
                changed = true;
            }
        }
        return changed ? Outcome.CREATED : Outcome.ALREADY_EXISTS;
    }

    /**
     * Grants every member its project roles in one read-modify-write of the project policy; no
     * call when all are in place.
     */
    public static Outcome ensureProjectRoles(ChangeContext c, String projectId, Map<String, List<String>> rolesByMember)
            throws Exception {
        return ensureProjectRoles(c, projectId, rolesByMember, null);
    }

    /**
     * The same starting from {@code planned}, the project policy (version 3) the plan read, instead of
     * a fresh get: its etag guards the write, so a policy changed since is refused (409) and re-read
     * as usual, and nobody's binding is lost. {@code planned} null: read first.
     */
    public static Outcome ensureProjectRoles(ChangeContext c, String projectId, Map<String, List<String>> rolesByMember,
            com.google.api.services.cloudresourcemanager.v3.model.Policy planned) throws Exception {
        // a copy: the plan's own view stays as it was read
        var policy = planned != null ? planned.clone() : readProjectPolicy(c.google(), projectId);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        rolesByMember.forEach((member, roles) -> roles.stream().filter(r -> !hasRole(policy, member, r))
                .forEach(r -> missing.computeIfAbsent(member, m -> new ArrayList<>()).add(r)));
        if (missing.isEmpty()) {
            return Outcome.ALREADY_EXISTS;
        }
        StringBuilder detail = new StringBuilder();
        missing.forEach((m, roles) -> detail.append(detail.length() == 0 ? "" : "; ").append("+ ")
                .append(String.join(", ", roles)).append(' ').append(m));
        boolean changed = c.audited().call("cloudresourcemanager.projects.setIamPolicy", "projects/" + projectId,
                detail.toString(), () -> new ProjectPolicyEditor(c.google().resourceManager()).grant(projectId, missing, policy));
        return changed ? Outcome.CREATED : Outcome.ALREADY_EXISTS;
    }

    /** True when {@code policy} binds {@code member} to {@code role} without a condition. */
    public static boolean hasRole(com.google.api.services.cloudresourcemanager.v3.model.Policy policy, String member,
                                  String role) {
        return policy.getBindings() != null && policy.getBindings().stream().anyMatch(b -> role.equals(b.getRole())
                && b.getCondition() == null && b.getMembers() != null && b.getMembers().contains(member));
    }

    /** True when the account policy already says what the change wants (bound for an add, unbound for a removal). */
    public static boolean inPlace(Policy policy, PolicyChange change) {
        boolean bound = policy != null && policy.getBindings() != null && policy.getBindings().stream()
                .anyMatch(b -> change.role().equals(b.getRole()) && b.getCondition() == null
                        && b.getMembers() != null && b.getMembers().contains(change.member()));
        return bound == change.add();
    }

    public static Action projectRolesAction(GoogleClients google, String projectId, String member, List<String> roles)
            throws IOException {
        return hasRoles(google, projectId, member, roles) ? Action.NONE : Action.CREATE;
    }

    public static Outcome ensureProjectRoles(ChangeContext c, String projectId, String member, List<String> roles)
            throws Exception {
        return ensureProjectRoles(c, projectId, Map.of(member, roles));
    }

    private static boolean hasRoles(GoogleClients google, String projectId, String member, List<String> roles)
            throws IOException {
        var policy = readProjectPolicy(google, projectId);
        return roles.stream().allMatch(role -> hasRole(policy, member, role));
    }

    private static com.google.api.services.cloudresourcemanager.v3.model.Policy readProjectPolicy(GoogleClients google,
            String projectId) throws IOException {
        return google.resourceManager().projects().getIamPolicy("projects/" + projectId,
                new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
    }
}
