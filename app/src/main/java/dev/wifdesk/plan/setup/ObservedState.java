package dev.wifdesk.plan.setup;

import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.Variable;

/**
 * What a setup found before planning, as the real APIs answered (absent = 404). Service accounts
 * and their policies are keyed by e-mail; a policy is absent for an account that does not exist;
 * GitLab variables are keyed {@code KEY [SCOPE]} and empty without a GitLab connection.
 */
public record ObservedState(ProjectFacts project, Optional<WorkloadIdentityPool> pool,
                            Optional<WorkloadIdentityPoolProvider> provider, Map<String, Optional<ServiceAccount>> accounts,
                            Map<String, Optional<Policy>> accountPolicies,
                            com.google.api.services.cloudresourcemanager.v3.model.Policy projectPolicy,
                            Map<String, Variable> gitlabVariables) {
    public ObservedState {
        accounts = Map.copyOf(accounts);
        accountPolicies = Map.copyOf(accountPolicies);
        gitlabVariables = Map.copyOf(gitlabVariables);
    }
}
