package dev.wifdesk.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A service account's IAM policy ({@code {version, bindings:[{role, members[]}], etag}}). */
public record IamPolicy(List<Binding> bindings) {
    public record Binding(String role, List<String> members, boolean conditional) {
        public Binding {
            role = role == null ? "" : role;
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    public IamPolicy {
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
    }

    /** @throws InvalidJsonException naming the position of a syntax error or a badly shaped field */
    public static IamPolicy fromJson(String json) {
        JsonNode node = JsonInputs.readObject(json, "policy");
        JsonNode b = node.get("bindings");
        List<Binding> out = new ArrayList<>();
        if (b != null && !b.isNull()) {
            if (!b.isArray()) {
                throw new InvalidJsonException("policy field bindings must be an array");
            }
            for (JsonNode binding : b) {
                List<String> members = new ArrayList<>();
                binding.path("members").forEach(m -> members.add(m.asText()));
                out.add(new Binding(JsonInputs.text(binding, "role"), members,
                        binding.hasNonNull("condition")));
            }
        }
        return new IamPolicy(out);
    }
}
