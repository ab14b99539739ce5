package dev.wifdesk.cloud;

import com.google.api.services.cloudresourcemanager.v3.CloudResourceManager;
import com.google.api.services.cloudresourcemanager.v3.model.Binding;
import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.cloudresourcemanager.v3.model.Policy;
import com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Grants project roles with a read-modify-write of the project's IAM policy (etag, retry on a
 * concurrent edit), adding members to the unconditional binding of each role and keeping every
 * other binding and member as read.
 */
public final class ProjectPolicyEditor {
    private final CloudResourceManager crm;
    private final EtagRetry.Sleeper sleeper;

    public ProjectPolicyEditor(CloudResourceManager crm) {
        this(crm, Thread::sleep);
    }

    ProjectPolicyEditor(CloudResourceManager crm, EtagRetry.Sleeper sleeper) {
        this.crm = crm;
        this.sleeper = sleeper;
    }

    /** Grants {@code member} each role on {@code projects/PROJECT}; false when it already had them all. */
    public boolean grant(String projectId, String member, List<String> roles) throws IOException {
        String resource = "projects/" + projectId;
        return EtagRetry.run(() -> {
            Policy policy = crm.projects().getIamPolicy(resource, new GetIamPolicyRequest()
                    .setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
            if (!addMember(policy, member, roles)) {
                return false;
            }
            crm.projects().setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(policy)).execute();
            return true;
        }, sleeper);
    }

    /**
     * Grants every member its roles in one read-modify-write; false when all were in place. A
     * member naming a service account created a moment ago can be refused (400 "does not exist")
     * until IAM sees the account: that is retried a few times too.
     */
    public boolean grant(String projectId, java.util.Map<String, List<String>> rolesByMember) throws IOException {
        return grant(projectId, rolesByMember, null);
    }

    /**
     * The same, with the policy the caller has just read (version 3; its etag guards the write) as
     * the first attempt's: no second get. A 409 re-reads as usual. {@code justRead} null: read first.
     */
    public boolean grant(String projectId, java.util.Map<String, List<String>> rolesByMember, Policy justRead)
            throws IOException {
        String resource = "projects/" + projectId;
        Policy[] first = {justRead};
        return EtagRetry.run(() -> {
            Policy policy = first[0] != null ? first[0] : crm.projects().getIamPolicy(resource, new GetIamPolicyRequest()
                    .setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
            first[0] = null;
            boolean changed = false;
            for (var e : rolesByMember.entrySet()) {
                changed |= addMember(policy, e.getKey(), e.getValue());
            }
            if (changed) {
                crm.projects().setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(policy)).execute();
            }
            return changed;
        }, sleeper);
    }

    static boolean addMember(Policy policy, String member, List<String> roles) {
        List<Binding> bindings = policy.getBindings() == null ? new ArrayList<>() : new ArrayList<>(policy.getBindings());
        boolean changed = false;
        for (String role : roles) {
            Binding binding = bindings.stream().filter(b -> role.equals(b.getRole()) && b.getCondition() == null)
                    .findFirst().orElse(null);
            if (binding == null) {
                bindings.add(new Binding().setRole(role).setMembers(new ArrayList<>(List.of(member))));
                changed = true;
            } else if (binding.getMembers() == null || !binding.getMembers().contains(member)) {
                List<String> members = binding.getMembers() == null ? new ArrayList<>() : new ArrayList<>(binding.getMembers());
                members.add(member);
                binding.setMembers(members);
                changed = true;
            }
        }
        if (changed) {
            policy.setBindings(bindings);
            if (policy.getVersion() == null || policy.getVersion() < 3) {
                policy.setVersion(3);
            }
        }
        return changed;
    }
}
