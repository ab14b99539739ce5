package dev.wifdesk.plan.setup;

import com.google.api.services.iam.v1.model.Policy;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Bindings;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.IamResources;
import dev.wifdesk.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service accounts, who may impersonate them, and their project roles. Principal identifiers
 * are computed from the project number, so the bindings do not wait for the pool; they wait only
 * for the account they are on (IAM refuses a member naming an account that does not exist).
 */
final class AccessSteps {
    static final String PROJECT_ROLES = SetupStepIds.PROJECT_ROLES;

    private AccessSteps() {
    }

    static String accountStepId(SetupValues.Account a) {
        return SetupStepIds.account(a);
    }

    static String policyStepId(SetupValues.Account a) {
        return SetupStepIds.accountPolicy(a);
    }

    /**
     * The account's step: create, or none when it exists.
     *
     * @throws IllegalStateException never: a reused account that does not exist is refused by
     *                               {@link SetupPlanner} before the steps are made
     */
    static Step account(SetupValues v, ObservedState seen, SetupValues.Account a, List<String> dependsOn) {
        boolean exists = seen.accounts().get(a.email()).isPresent();
        Action action = exists ? Action.NONE : Action.CREATE;
        String displayName = a.displayName();
        List<FieldDiff> diff = exists ? List.of() : List.of(FieldDiff.added("email", a.email()),
                FieldDiff.added("displayName", displayName));
        return new Step(accountStepId(a), action, a.resource(v.projectId()), "Service account " + a.email()
                + a.environment().map(e -> " (environment " + e + ")").orElse(""), diff,
                exists ? "" : "iam.projects.serviceAccounts.create",
                exists ? "" : "gcloud iam service-accounts create " + a.id() + " --project=" + v.projectId()
                        + Gcloud.flag("display-name", displayName),
                dependsOn, c -> exists
                        ? IamResources.ensureServiceAccount(c, v.projectId(), a.id(), a.email(), displayName)
                        : IamResources.createServiceAccount(c, v.projectId(), a.id(), a.email(), displayName));
    }

    /** The account's own policy: the federated principals as workloadIdentityUser, and actAs for itself. */
    static Step accountPolicy(SetupValues v, ObservedState seen, SetupValues.Account a) {
        List<PolicyChange> changes = changes(v, a);
        Policy policy = seen.accountPolicies().get(a.email()).orElse(null);
        List<PolicyChange> missing = changes.stream().filter(ch -> !Bindings.inPlace(policy, ch)).toList();
        List<FieldDiff> diff = missing.stream().map(ch -> FieldDiff.added(ch.role(), ch.member())).toList();
        StringBuilder gcloud = new StringBuilder();
        missing.forEach(ch -> gcloud.append(gcloud.length() == 0 ? "" : "\n")
                .append("gcloud iam service-accounts add-iam-policy-binding ").append(a.email())
                .append(" --project=").append(v.projectId()).append(" --role=").append(ch.role())
                .append(Gcloud.flag("member", ch.member())));
        return new Step(policyStepId(a), missing.isEmpty() ? Action.NONE : Action.UPDATE, a.resource(v.projectId()),
                "Who may impersonate " + a.email() + ", and its actAs on itself as the Dataflow worker", diff,
                missing.isEmpty() ? "" : "iam.projects.serviceAccounts.setIamPolicy (read-modify-write with the etag)",
                gcloud.toString(), List.of(accountStepId(a)), c -> Bindings.ensureServiceAccount(c, changes));
    }

    /** Every account's project roles, in one read-modify-write of the project policy. */
    static Step projectRoles(SetupValues v, ObservedState seen) {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        List<String> dependsOn = new ArrayList<>();
        for (SetupValues.Account a : v.serviceAccounts()) {
            wanted.put(a.member(), v.projectRoles());
            dependsOn.add(accountStepId(a));
        }
        List<FieldDiff> diff = new ArrayList<>();
        StringBuilder gcloud = new StringBuilder();
        wanted.forEach((member, roles) -> roles.stream().filter(r -> !Bindings.hasRole(seen.projectPolicy(), member, r))
                .forEach(r -> {
                    diff.add(FieldDiff.added(r, member));
                    gcloud.append(gcloud.length() == 0 ? "" : "\n").append("gcloud projects add-iam-policy-binding ")
                            .append(v.projectId()).append(" --member=").append(member).append(" --role=").append(r)
                            .append(" --condition=None");
                }));
        return new Step(PROJECT_ROLES, diff.isEmpty() ? Action.NONE : Action.UPDATE, "projects/" + v.projectId(),
                "Project roles of the service accounts: " + String.join(", ", v.projectRoles()), diff,
                diff.isEmpty() ? "" : "cloudresourcemanager.projects.setIamPolicy (read-modify-write with the etag)",
                gcloud.toString(), dependsOn, c -> Bindings.ensureProjectRoles(c, v.projectId(), wanted, seen.projectPolicy()));
    }

    static List<PolicyChange> changes(SetupValues v, SetupValues.Account a) {
        String resource = a.resource(v.projectId());
        return a.policyMembers().stream().map(m -> new PolicyChange(resource, m.role(), m.member(), true)).toList();
    }

}
