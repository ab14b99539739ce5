package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The world a fresh sandbox starts with: project {@code sandbox-project} (428617359021) owned by
 * the operator, the APIs WIF needs enabled, and the Compute Engine default service account
 * (editor on the project, as Google creates it).
 */
final class Seed {
    static final String PROJECT_ID = "sandbox-project";
    static final String PROJECT_NUMBER = "428617359021";
    static final String OPERATOR_EMAIL = "operator@wifdesk-sandbox.example";
    static final String COMPUTE_SA = PROJECT_NUMBER + "-compute@developer.gserviceaccount.com";
    static final List<String> ENABLED_SERVICES = List.of("iam.googleapis.com", "iamcredentials.googleapis.com",
            "sts.googleapis.com", "dataflow.googleapis.com", "cloudresourcemanager.googleapis.com",
            "serviceusage.googleapis.com");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Seed() {
    }

    static StateData initial() {
        StateData d = new StateData();
        ObjectNode project = NODES.objectNode();
        project.put("name", "projects/" + PROJECT_NUMBER);
        project.put("parent", "organizations/584271936054");
        project.put("projectId", PROJECT_ID);
        project.put("state", "ACTIVE");
        project.put("displayName", "Sandbox Project");
        project.put("createTime", "2025-01-15T09:30:00.000Z");
        project.put("updateTime", "2025-01-15T09:30:00.000Z");
        project.put("etag", "W/\"5b1c2f0e9a3d4c7b\"");
        project.putObject("labels").put("env", "sandbox");
        d.projects.put(PROJECT_NUMBER, project);

        ObjectNode policy = NODES.objectNode();
        policy.put("version", 1);
        var bindings = policy.putArray("bindings");
        ObjectNode editor = bindings.addObject();
        editor.put("role", "roles/editor");
        editor.putArray("members").add("serviceAccount:" + COMPUTE_SA);
        ObjectNode owner = bindings.addObject();
        owner.put("role", "roles/owner");
        owner.putArray("members").add("user:" + OPERATOR_EMAIL);
        policy.put("etag", "BwYaM8Gk1Ns=");
        d.policies.put("projects/" + PROJECT_NUMBER, policy);

        for (String service : ENABLED_SERVICES) {
            d.services.put(ServiceUsageApi.serviceName(PROJECT_NUMBER, service), "ENABLED");
        }

        ObjectNode sa = NODES.objectNode();
        sa.put("name", "projects/" + PROJECT_ID + "/serviceAccounts/" + COMPUTE_SA);
        sa.put("projectId", PROJECT_ID);
        sa.put("uniqueId", "104729385610293847561");
        sa.put("email", COMPUTE_SA);
        sa.put("displayName", "Compute Engine default service account");
        sa.put("etag", "MDEwMjE5MjA=");
        sa.put("oauth2ClientId", "104729385610293847561");
        d.serviceAccounts.put(COMPUTE_SA, sa);
        return d;
    }
}
