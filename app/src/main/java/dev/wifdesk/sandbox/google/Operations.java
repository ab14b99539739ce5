package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Long-running operations. The mutation itself happens at once; the operation reports
 * {@code done:false} until the configured delay has passed, then {@code done:true} with the
 * resource as it is now in {@code response} (typed with {@code @type}).
 */
final class Operations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final long delayMs;
    private final SecureRandom random = new SecureRandom();

    Operations(long delayMs) {
        this.delayMs = delayMs;
    }

    /**
     * Records an operation named {@code PREFIX/operations/ID} (or {@code operations/ID} for an empty
     * prefix) whose response is the current JSON of {@code resource}, optionally wrapped in a field.
     */
    ObjectNode start(StateData d, String prefix, String resource, String responseType, String wrapField, Instant now) {
        return start(d, prefix, resource, responseType, wrapField, now, delayMs);
    }

    /** Like {@link #start}, but already done: there was nothing to wait for (a service that was on). */
    ObjectNode startDone(StateData d, String prefix, String resource, String responseType, String wrapField, Instant now) {
        return start(d, prefix, resource, responseType, wrapField, now, 0);
    }

    private ObjectNode start(StateData d, String prefix, String resource, String responseType, String wrapField,
                             Instant now, long delay) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        String opId = HexFormat.of().formatHex(id);
        String name = prefix.isEmpty() ? "operations/" + opId : prefix + "/operations/" + opId;
        ObjectNode op = NODES.objectNode();
        op.put("name", name);
        op.put("resource", resource);
        op.put("responseType", responseType);
        if (wrapField != null) {
            op.put("wrapField", wrapField);
        }
        op.put("doneAtMillis", now.toEpochMilli() + delay);
        d.operations.put(name, op);
        return view(d, op, now);
    }

    /** The operation as the API returns it, or null when unknown. */
    ObjectNode find(StateData d, String name, Instant now) {
        ObjectNode op = d.operations.get(name);
        return op == null ? null : view(d, op, now);
    }

    private static ObjectNode view(StateData d, ObjectNode op, Instant now) {
        ObjectNode out = NODES.objectNode();
        out.put("name", op.get("name").asText());
        boolean done = now.toEpochMilli() >= op.get("doneAtMillis").asLong();
        out.put("done", done);
        if (done) {
            ObjectNode resource = current(d, op.get("resource").asText());
            ObjectNode response = NODES.objectNode();
            response.put("@type", op.get("responseType").asText());
            if (resource != null) {
                if (op.hasNonNull("wrapField")) {
                    response.set(op.get("wrapField").asText(), resource);
                } else {
                    response.setAll(resource);
                }
            }
            out.set("response", response);
        }
        return out;
    }

    private static ObjectNode current(StateData d, String resource) {
        if (d.pools.containsKey(resource)) {
            return d.pools.get(resource).deepCopy();
        }
        if (d.providers.containsKey(resource)) {
            return d.providers.get(resource).deepCopy();
        }
        if (d.services.containsKey(resource)) {
            return ServiceUsageApi.serviceJson(resource, d.services.get(resource));
        }
        return null;
    }
}
