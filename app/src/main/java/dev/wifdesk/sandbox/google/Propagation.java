package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;

/**
 * IAM propagation delay ({@code sandbox serve --iam-propagation-ms N}): a binding member written by
 * setIamPolicy takes part in permission checks only N ms after it was written. The policy read back
 * shows it at once, as real IAM does ("about 2, up to 7+ minutes" before access changes take effect);
 * only the checks lag. Removals take effect at once (a simplification). With N = 0 nothing is
 * recorded and policies are checked as stored. Called inside the state lock.
 */
final class Propagation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final long delayMs;
    private final Clock clock;

    Propagation(long delayMs, Clock clock) {
        this.delayMs = delayMs;
        this.clock = clock;
    }

    /** Remembers when each (role, member, condition) of {@code after} first appeared on {@code resource}. */
    void recordGrants(StateData d, String resource, JsonNode before, JsonNode after) {
        if (delayMs <= 0) {
            return;
        }
        ObjectNode known = d.grantTimes.get(resource);
        ObjectNode times = NODES.objectNode();
        long now = clock.millis();
        for (JsonNode b : after.path("bindings")) {
            for (JsonNode m : b.path("members")) {
                String key = key(b, m.asText());
                boolean wasThere = hasGrant(before, key);
                // a grant already there keeps its time; one without (seed, older snapshot) counts as long written
                long since = !wasThere ? now : known != null && known.has(key) ? known.get(key).asLong() : 0;
                times.put(key, since);
            }
        }
        d.grantTimes.put(resource, times);
    }

    /** {@code policy} as permission checks see it at {@code at}: members younger than the delay left out. */
    ObjectNode effective(StateData d, String resource, ObjectNode policy, Instant at) {
        ObjectNode times = d.grantTimes.get(resource);
        if (delayMs <= 0 || times == null) {
            return policy;
        }
        ObjectNode out = policy.deepCopy();
        for (JsonNode b : out.path("bindings")) {
            ArrayNode members = NODES.arrayNode();
            for (JsonNode m : b.path("members")) {
                JsonNode written = times.get(key(b, m.asText()));
                if (written == null || written.asLong() + delayMs <= at.toEpochMilli()) {
                    members.add(m);
                }
            }
            ((ObjectNode) b).set("members", members);
        }
        return out;
    }

    private static boolean hasGrant(JsonNode policy, String key) {
        if (policy == null) {
            return false;
        }
        for (JsonNode b : policy.path("bindings")) {
            for (JsonNode m : b.path("members")) {
                if (key(b, m.asText()).equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String key(JsonNode binding, String member) {
        JsonNode condition = binding.get("condition");
        return binding.path("role").asText() + " " + member
                + (condition == null || condition.isNull() ? "" : " " + condition.toString());
    }
}
