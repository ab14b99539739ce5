package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupStepIds;
import com.google.api.services.iam.v1.model.Policy;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import dev.wifdesk.plan.Bindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Start with permissions": Dataflow rejects a job whose worker lacks roles/dataflow.worker, so
 * that is judged first, then the launcher's {@code dataflow.jobs.create} and its actAs on the
 * worker. In a setup each account launches its own jobs and is their worker. Judged on the
 * policies as read (IAM shows a new binding at once; whether it is in effect yet only a call
 * shows: the launch check).
 */
final class PermissionChecks {
    static final List<String> WORKER_ROLES = List.of("roles/dataflow.worker", "roles/editor", "roles/owner");
    static final List<String> LAUNCH_ROLES = List.of("roles/dataflow.developer", "roles/dataflow.admin", "roles/editor",
            "roles/owner");
    static final List<String> ACT_AS_PROJECT_ROLES = List.of(SetupValues.SERVICE_ACCOUNT_USER, "roles/editor", "roles/owner");

    private final PreflightState state;
    private final SetupValues v;

    PermissionChecks(PreflightState state) {
        this.state = state;
        this.v = state.values();
    }

    private com.google.api.services.cloudresourcemanager.v3.model.Policy projectPolicy() {
        return state.seen().orElseThrow().projectPolicy();
    }

    private List<SetupValues.Account> existing() {
        return v.serviceAccounts().stream().filter(state::accountExists).toList();
    }

    CheckResult workerRole() {
        return projectRole(CheckNames.WORKER_ROLE, WORKER_ROLES, FindingCode.DATAFLOW_WORKER_ROLE_MISSING,
                "roles/dataflow.worker", "Dataflow fails the job at start (JOB_STATE_FAILED) when its worker (controller)"
                        + " service account lacks roles/dataflow.worker");
    }

    CheckResult launchPermission() {
        return projectRole(CheckNames.LAUNCH_PERMISSION, LAUNCH_ROLES, FindingCode.DATAFLOW_PERMISSION_DENIED,
                "roles/dataflow.developer", "launching needs dataflow.jobs.create on the project (roles/dataflow.developer)");
    }

    private CheckResult projectRole(String name, List<String> roles, FindingCode code, String role, String why) {
        List<String> evidence = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (SetupValues.Account a : existing()) {
            Optional<String> held = roles.stream().filter(r -> Bindings.hasRole(projectPolicy(), a.member(), r)).findFirst();
            if (held.isPresent()) {
                evidence.add(a.email() + " holds " + held.get() + " on project " + v.projectId());
            } else {
                evidence.add(a.email() + " holds none of " + String.join(", ", roles) + " on project " + v.projectId());
                findings.add(new Finding(code, Severity.ERROR, a.email() + " lacks " + role + " on project " + v.projectId()
                        + ": " + why + ".", grantProjectRole(a, role), Map.of("serviceAccount", a.email(), "role", role,
                        "project", v.projectId())));
            }
        }
        return result(name, evidence, findings, v.projectRoles().contains(role) ? List.of(SetupStepIds.PROJECT_ROLES)
                : List.of(), v.projectRoles().contains(role) ? "" : "add " + role + " to gcp.projectRoles in the spec");
    }

    /** Each account may act as itself, the worker of the jobs it launches (roles/iam.serviceAccountUser). */
    CheckResult actAs() {
        List<String> evidence = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (SetupValues.Account a : existing()) {
            Policy policy = state.seen().orElseThrow().accountPolicies().getOrDefault(a.email(), Optional.empty()).orElse(null);
            PolicyChange self = new PolicyChange(a.resource(v.projectId()), SetupValues.SERVICE_ACCOUNT_USER, a.member(), true);
            Optional<String> onProject = ACT_AS_PROJECT_ROLES.stream()
                    .filter(r -> Bindings.hasRole(projectPolicy(), a.member(), r)).findFirst();
            if (Bindings.inPlace(policy, self)) {
                evidence.add(a.email() + " holds " + SetupValues.SERVICE_ACCOUNT_USER + " on itself");
            } else if (onProject.isPresent()) {
                evidence.add(a.email() + " holds " + onProject.get() + " on project " + v.projectId() + " (actAs on every account)");
            } else {
                evidence.add(a.email() + " may not act as itself (no " + SetupValues.SERVICE_ACCOUNT_USER + ")");
                findings.add(new Finding(FindingCode.DATAFLOW_ACT_AS_DENIED, Severity.ERROR, a.email() + " may not act as the"
                        + " worker service account " + a.email() + ": Dataflow refuses the launch (iam.serviceAccounts.actAs).",
                        addAccountBinding(a, SetupValues.SERVICE_ACCOUNT_USER, a.member()),
                        Map.of("serviceAccount", a.email(), "worker", a.email(), "role", SetupValues.SERVICE_ACCOUNT_USER)));
                steps.add(SetupStepIds.accountPolicy(a));
            }
        }
        return result(CheckNames.ACT_AS, evidence, findings, steps, "");
    }

    private static CheckResult result(String name, List<String> evidence, List<Finding> findings, List<String> steps,
                                      String fix) {
        String detail = String.join("; ", evidence);
        if (evidence.isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, name, "no service account of the setup exists");
        }
        return findings.isEmpty() ? CheckResult.pass(Layer.PREFLIGHT, name, detail)
                : CheckResult.fail(Layer.PREFLIGHT, name, detail, findings, fix, steps);
    }

    String grantProjectRole(SetupValues.Account a, String role) {
        return "gcloud projects add-iam-policy-binding " + v.projectId() + " --member=" + a.member() + " --role=" + role
                + " --condition=None";
    }

    String addAccountBinding(SetupValues.Account a, String role, String member) {
        return "gcloud iam service-accounts add-iam-policy-binding " + a.email() + " --project=" + v.projectId()
                + " --role=" + role + " --member='" + member + "'";
    }
}
