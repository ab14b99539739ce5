package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.model.ResourceNames;
import java.util.Optional;

/** Finds a project by ID or number; APIs accept either, names always carry the number. */
final class Projects {
    private Projects() {
    }

    static Optional<ObjectNode> find(StateData d, String idOrNumber) {
        if (idOrNumber == null) {
            return Optional.empty();
        }
        ObjectNode byNumber = d.projects.get(idOrNumber);
        if (byNumber != null) {
            return Optional.of(byNumber);
        }
        return d.projects.values().stream().filter(p -> idOrNumber.equals(p.path("projectId").asText())).findFirst();
    }

    static String number(ObjectNode project) {
        return ResourceNames.projectOf(project.get("name").asText());
    }

    static String id(ObjectNode project) {
        return project.get("projectId").asText();
    }

    static String policyKey(ObjectNode project) {
        return ResourceNames.projectName(number(project));
    }
}
