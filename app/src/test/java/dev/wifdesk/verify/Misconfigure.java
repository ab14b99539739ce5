package dev.wifdesk.verify;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import com.google.api.services.serviceusage.v1.model.DisableServiceRequest;
import dev.wifdesk.cloud.GoogleClients;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Breaks an applied setup the way people do, through the operator's real clients (no audit entry: done by hand). */
final class Misconfigure {
    static final String PROJECT = "sandbox-project";
    static final String NUMBER = "428617359021";
    static final String SA = "gitlab-dataflow@sandbox-project.iam.gserviceaccount.com";
    static final String SA_RESOURCE = "projects/" + PROJECT + "/serviceAccounts/" + SA;
    static final String PROVIDER = "projects/" + NUMBER + "/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-sandbox";
    static final String MEMBER = "principalSet://iam.googleapis.com/projects/" + NUMBER
            + "/locations/global/workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines";

    private final GoogleClients google;

    Misconfigure(GoogleClients google) {
        this.google = google;
    }

    void audiences(List<String> audiences) throws Exception {
        WorkloadIdentityPoolProvider p = google.iam().projects().locations().workloadIdentityPools().providers().get(PROVIDER)
                .execute();
        p.getOidc().setAllowedAudiences(audiences);
        google.iam().projects().locations().workloadIdentityPools().providers()
                .patch(PROVIDER, new WorkloadIdentityPoolProvider().setOidc(p.getOidc())).setUpdateMask("oidc.allowedAudiences")
                .execute();
    }

    void condition(String cel) throws Exception {
        google.iam().projects().locations().workloadIdentityPools().providers()
                .patch(PROVIDER, new WorkloadIdentityPoolProvider().setAttributeCondition(cel)).setUpdateMask("attributeCondition")
                .execute();
    }

    /** Rewrites the members of {@code role} on the account's policy. */
    void accountMembers(String role, UnaryOperator<List<String>> change) throws Exception {
        var accounts = google.iam().projects().serviceAccounts();
        Policy policy = accounts.getIamPolicy(SA_RESOURCE).setOptionsRequestedPolicyVersion(3).execute();
        List<Binding> kept = new ArrayList<>();
        for (Binding b : policy.getBindings()) {
            if (role.equals(b.getRole())) {
                List<String> members = change.apply(new ArrayList<>(b.getMembers()));
                if (!members.isEmpty()) {
                    kept.add(b.setMembers(members));
                }
            } else {
                kept.add(b);
            }
        }
        accounts.setIamPolicy(SA_RESOURCE, new SetIamPolicyRequest().setPolicy(policy.setBindings(kept))).execute();
    }

    /** Takes {@code role} on the project away from the account. */
    void dropProjectRole(String role) throws Exception {
        var crm = google.resourceManager().projects();
        var policy = crm.getIamPolicy("projects/" + PROJECT,
                new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
        policy.getBindings().stream().filter(b -> role.equals(b.getRole()))
                .forEach(b -> b.setMembers(new ArrayList<>(b.getMembers().stream().filter(m -> !m.equals("serviceAccount:" + SA))
                        .toList())));
        policy.setBindings(new ArrayList<>(policy.getBindings().stream().filter(b -> !b.getMembers().isEmpty()).toList()));
        crm.setIamPolicy("projects/" + PROJECT,
                new com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest().setPolicy(policy)).execute();
    }

    void disable(String service) throws Exception {
        google.serviceUsage().services().disable("projects/" + NUMBER + "/services/" + service, new DisableServiceRequest())
                .execute();
    }
}
