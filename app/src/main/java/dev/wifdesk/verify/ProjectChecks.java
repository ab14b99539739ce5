package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupStepIds;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The project's side before any permission: the APIs the flow needs are on, the service accounts exist. */
final class ProjectChecks {
    private final PreflightState state;
    private final SetupValues v;

    ProjectChecks(PreflightState state) {
        this.state = state;
        this.v = state.values();
    }

    CheckResult apis() {
        List<String> missing = state.project().missingServices();
        if (missing.isEmpty()) {
            return CheckResult.pass(Layer.PREFLIGHT, CheckNames.APIS, "enabled in project " + v.projectId() + ": "
                    + String.join(", ", SetupValues.REQUIRED_SERVICES));
        }
        List<Finding> findings = new ArrayList<>();
        for (String service : missing) {
            findings.add(new Finding(FindingCode.API_NOT_ENABLED, Severity.ERROR, service + " is not enabled in project "
                    + v.projectId() + " (" + v.projectNumber() + "): the flow needs it (IAM, IAM Credentials, STS, Dataflow)."
                    + " Enabling can take a few minutes to take effect.", "gcloud services enable " + service + " --project="
                    + v.projectId(), Map.of("service", service, "project", v.projectId())));
        }
        return CheckResult.fail(Layer.PREFLIGHT, CheckNames.APIS, "not enabled in project " + v.projectId() + ": "
                + String.join(", ", missing), findings, "", List.of(SetupStepIds.SERVICES));
    }

    CheckResult serviceAccounts() {
        if (state.seen().isEmpty()) {
            return CheckResult.fail(Layer.PREFLIGHT, CheckNames.SERVICE_ACCOUNTS, "cannot read the project's IAM state: "
                    + state.unreadable(), List.of(), "", List.of());
        }
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (SetupValues.Account a : v.serviceAccounts()) {
            if (state.accountExists(a)) {
                present.add(a.email());
            } else {
                absent.add(a.email());
                steps.add(SetupStepIds.account(a));
                steps.add(SetupStepIds.accountPolicy(a));
            }
        }
        if (absent.isEmpty()) {
            return CheckResult.pass(Layer.PREFLIGHT, CheckNames.SERVICE_ACCOUNTS, "exist: " + String.join(", ", present));
        }
        StringBuilder fix = new StringBuilder();
        for (SetupValues.Account a : v.serviceAccounts()) {
            if (absent.contains(a.email())) {
                fix.append(fix.length() == 0 ? "" : "\n").append("gcloud iam service-accounts create ").append(a.id())
                        .append(" --project=").append(v.projectId());
            }
        }
        return CheckResult.fail(Layer.PREFLIGHT, CheckNames.SERVICE_ACCOUNTS, "missing: " + String.join(", ", absent)
                + (present.isEmpty() ? "" : "; exist: " + String.join(", ", present)), List.of(), fix.toString(), steps);
    }
}
