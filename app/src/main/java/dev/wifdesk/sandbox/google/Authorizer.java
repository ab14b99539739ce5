package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Decides whether an identity holds a permission through any of the given IAM policies (a
 * resource's own policy plus its ancestors'). Members match exactly, as in IAM: a principalSet
 * written with the project ID never matches a token, whose principals carry the NUMBER.
 * Binding conditions are not evaluated (treated as true).
 */
final class Authorizer {

    boolean allowed(Identity who, String permission, List<ObjectNode> policies) {
        List<String> members = who.members();
        for (ObjectNode policy : policies) {
            if (policy == null) {
                continue;
            }
            for (JsonNode binding : policy.path("bindings")) {
                if (!Roles.grants(binding.path("role").asText(), permission)) {
                    continue;
                }
                for (JsonNode m : binding.path("members")) {
                    if (members.contains(m.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
