package dev.wifdesk.diagnose;

import com.fasterxml.jackson.databind.JsonNode;

/** The parts of a WorkloadIdentityPool (IAM v1 JSON) that can block an exchange. */
public record PoolInfo(String name, boolean disabled, String state) {
    public PoolInfo {
        name = name == null ? "" : name;
        state = state == null ? "" : state;
    }

    /** @throws InvalidJsonException naming the position of a syntax error */
    public static PoolInfo fromJson(String json) {
        JsonNode node = JsonInputs.readObject(json, "pool");
        return new PoolInfo(JsonInputs.text(node, "name"), node.path("disabled").asBoolean(false),
                JsonInputs.text(node, "state"));
    }

    public boolean deleted() {
        return "DELETED".equalsIgnoreCase(state);
    }

    /** The pool id (last segment of the name), or "" when unknown. */
    public String poolId() {
        int i = name.lastIndexOf('/');
        return i < 0 ? name : name.substring(i + 1);
    }
}
