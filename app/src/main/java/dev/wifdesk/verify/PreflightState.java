package dev.wifdesk.verify;

import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.cloud.ProviderJson;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.setup.ObservedState;
import dev.wifdesk.plan.setup.ProjectFacts;
import java.io.IOException;
import java.util.Optional;

/**
 * Everything preflight judges, read once before any check: the project facts and the state a setup
 * plans against (the same {@link dev.wifdesk.plan.setup.StateObserver} reads), and GitLab's side.
 * {@code seen} is empty when the Google state could not be read ({@code unreadable} says why, e.g.
 * the IAM API is off).
 */
record PreflightState(SetupValues values, ProjectFacts project, Optional<ObservedState> seen, String unreadable,
                      GitLabFacts gitlab) {

    Optional<ProviderInfo> provider() {
        return seen.flatMap(ObservedState::provider).map(p -> ProviderInfo.fromJson(ProviderJson.toJson(p)));
    }

    Optional<PoolInfo> pool() {
        return seen.flatMap(ObservedState::pool).map(p -> PoolInfo.fromJson(json(p)));
    }

    Optional<IamPolicy> accountPolicy(SetupValues.Account a) {
        return seen.flatMap(s -> s.accountPolicies().getOrDefault(a.email(), Optional.empty())).map(p -> IamPolicy.fromJson(json(p)));
    }

    /** The project policy as the engine reads it (decides #24/#25 between worker role and API). */
    Optional<IamPolicy> projectPolicy() {
        return seen.map(s -> IamPolicy.fromJson(json(s.projectPolicy())));
    }

    /** The required services that are on. */
    java.util.List<String> enabledServices() {
        return SetupValues.REQUIRED_SERVICES.stream().filter(x -> !project.missingServices().contains(x)).toList();
    }

    boolean accountExists(SetupValues.Account a) {
        return seen.map(s -> s.accounts().getOrDefault(a.email(), Optional.empty()).isPresent()).orElse(false);
    }

    private static String json(com.google.api.client.json.GenericJson value) {
        try {
            return GoogleClients.JSON.toString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed API answer always writes as JSON", e);
        }
    }
}
