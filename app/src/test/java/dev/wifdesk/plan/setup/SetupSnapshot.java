package dev.wifdesk.plan.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;

/**
 * The end state of a setup as plain text, read through the real clients: the pools and providers
 * of the project with the fields a setup sets, the service accounts, each account's policy and the
 * project policy (role -> sorted members, etags left out) and the GitLab variables. Two sandboxes
 * that reached the same setup give equal snapshots; {@link #assertNoDuplicates} checks that no
 * account, binding or member exists twice.
 */
public record SetupSnapshot(List<String> pools, List<String> providers, List<String> accounts,
                     Map<String, Map<String, List<String>>> policies, List<String> variables) {

    public static SetupSnapshot read(GoogleClients google, GitLabApi gitlab, String projectId, String projectNumber,
                              String gitlabProject) throws Exception {
        var pools = google.iam().projects().locations().workloadIdentityPools();
        List<String> poolLines = new ArrayList<>();
        List<String> providerLines = new ArrayList<>();
        var listed = pools.list("projects/" + projectId + "/locations/global").setShowDeleted(true).execute();
        for (WorkloadIdentityPool p : nullSafe(listed.getWorkloadIdentityPools())) {
            poolLines.add(p.getName() + " state=" + p.getState() + " displayName=" + p.getDisplayName()
                    + " description=" + p.getDescription() + " disabled=" + p.getDisabled());
            var providers = pools.providers().list(p.getName()).setShowDeleted(true).execute();
            for (WorkloadIdentityPoolProvider v : nullSafe(providers.getWorkloadIdentityPoolProviders())) {
                providerLines.add(v.getName() + " state=" + v.getState() + " disabled=" + v.getDisabled()
                        + " issuer=" + v.getOidc().getIssuerUri() + " audiences=" + v.getOidc().getAllowedAudiences()
                        + " mapping=" + new TreeMap<>(v.getAttributeMapping()) + " condition=" + v.getAttributeCondition());
            }
        }
        List<String> accountLines = new ArrayList<>();
        Map<String, Map<String, List<String>>> policies = new TreeMap<>();
        var accounts = google.iam().projects().serviceAccounts();
        for (ServiceAccount sa : nullSafe(accounts.list("projects/" + projectId).execute().getAccounts())) {
            accountLines.add(sa.getEmail() + " displayName=" + sa.getDisplayName());
            policies.put(sa.getEmail(), roles(accounts.getIamPolicy(sa.getName()).setOptionsRequestedPolicyVersion(3)
                    .execute().getBindings()));
        }
        policies.put("projects/" + projectNumber, roles(google.resourceManager().projects().getIamPolicy(
                "projects/" + projectId, new GetIamPolicyRequest().setOptions(new GetPolicyOptions()
                        .setRequestedPolicyVersion(3))).execute().getBindings()));
        List<String> variableLines = new ArrayList<>();
        for (Variable v : gitlab.getProjectApi().getVariables(gitlabProject)) {
            variableLines.add(v.getKey() + " [" + v.getEnvironmentScope() + "]=" + v.getValue() + " protected="
                    + v.getProtected() + " masked=" + v.getMasked());
        }
        return new SetupSnapshot(sorted(poolLines), sorted(providerLines), sorted(accountLines), policies,
                sorted(variableLines));
    }

    public void assertNoDuplicates() {
        assertThat(accounts).as("service accounts").doesNotHaveDuplicates();
        assertThat(variables).as("GitLab variables").doesNotHaveDuplicates();
        policies.forEach((resource, roles) -> roles.forEach((role, members) ->
                assertThat(members).as("members of %s on %s", role, resource).doesNotHaveDuplicates()));
    }

    /** Role (with its condition, if any) -> members in order; a role bound twice the same way keeps both lists. */
    private static Map<String, List<String>> roles(List<?> bindings) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Object o : nullSafe(bindings)) {
            Map<?, ?> b = (Map<?, ?>) o;
            String key = b.get("role") + (b.get("condition") == null ? "" : " if " + b.get("condition"));
            @SuppressWarnings("unchecked")
            List<String> members = (List<String>) b.get("members");
            out.computeIfAbsent(key, k -> new ArrayList<>()).addAll(members);
        }
        out.replaceAll((k, v) -> {
            List<String> s = new ArrayList<>(v);
            s.sort(null);
            return s;
        });
        return out;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static List<String> sorted(List<String> list) {
        List<String> s = new ArrayList<>(list);
        s.sort(null);
        return List.copyOf(s);
    }
}
