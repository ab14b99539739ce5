package dev.wifdesk.plan.setup;

import com.google.api.services.serviceusage.v1.model.BatchEnableServicesRequest;
import dev.wifdesk.cloud.Operations;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Step;
import java.util.List;

/** The APIs the flow needs (iam, iamcredentials, sts, dataflow), enabled as one long-running operation. */
final class ServiceSteps {
    static final String SERVICES = SetupStepIds.SERVICES;

    private ServiceSteps() {
    }

    static Step services(SetupValues v, ObservedState seen) {
        List<String> missing = seen.project().missingServices();
        String parent = "projects/" + v.projectNumber();
        return new Step(SERVICES, missing.isEmpty() ? Action.NONE : Action.UPDATE, parent,
                "APIs the flow needs: " + String.join(", ", SetupValues.REQUIRED_SERVICES),
                missing.stream().map(s -> new FieldDiff(s, "DISABLED", "ENABLED")).toList(),
                missing.isEmpty() ? "" : "serviceusage.services.batchEnable",
                missing.isEmpty() ? "" : "gcloud services enable " + String.join(" ", missing) + " --project=" + v.projectId(),
                List.of(), c -> {
                    List<String> off = ProjectFacts.missingServices(c.google(), v.projectNumber());
                    if (off.isEmpty()) {
                        return Outcome.ALREADY_EXISTS;
                    }
                    var su = c.google().serviceUsage();
                    c.audited().call("serviceusage.services.batchEnable", parent, "enable " + String.join(", ", off),
                            () -> new Operations(c.google().iam()).await(su, su.services().batchEnable(parent,
                                    new BatchEnableServicesRequest().setServiceIds(off)).execute(),
                                    "enabling " + String.join(", ", off)));
                    return Outcome.UPDATED;
                });
    }
}
