package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;

/**
 * Decides whether an identity holds a permission through any of the given IAM policies (a
 * resource's own policy plus its ancestors'). Members match exactly, as in IAM: a principalSet
 * written with the project ID never matches a token, whose principals carry the NUMBER. A binding
 * with a condition counts only when {@link IamConditions} evaluates it to true now.
 */
final class Authorizer {
    private final IamConditions conditions;
    private final Clock clock;

    Authorizer(IamConditions conditions, Clock clock) {
        this.conditions = conditions;
        this.clock = clock;
    }

    boolean allowed(Identity who, String permission, List<ObjectNode> policies) {
        return allowed(who, permission, policies, clock.instant());
    }

    /** As {@link #allowed(Identity, String, List)}, with conditions judged at {@code at}. */
    boolean allowed(Identity who, String permission, List<ObjectNode> policies, java.time.Instant at) {
        List<String> members = who.members();
        for (ObjectNode policy : policies) {
            if (policy == null) {
                continue;
            }
            for (JsonNode binding : policy.path("bindings")) {
                if (Roles.grants(binding.path("role").asText(), permission) && hasMember(binding, members)
                        && conditionHolds(binding, at)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasMember(JsonNode binding, List<String> members) {
        for (JsonNode m : binding.path("members")) {
            if (members.contains(m.asText())) {
                return true;
            }
        }
        return false;
    }

    private boolean conditionHolds(JsonNode binding, java.time.Instant at) {
        JsonNode condition = binding.get("condition");
        return condition == null || condition.isNull() || conditions.grants(condition, at);
    }
}
