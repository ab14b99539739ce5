package dev.wifdesk.sandbox.google;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The predefined roles the sandbox knows and which permissions they grant (a faithful subset of
 * Google's: enough for the WIF Desk flows). Unknown roles grant nothing.
 */
final class Roles {
    private static final Predicate<String> READ = p -> p.endsWith(".get") || p.endsWith(".list")
            || p.endsWith(".getIamPolicy");

    private static final Map<String, Predicate<String>> GRANTS = Map.ofEntries(
            Map.entry("roles/owner", p -> true),
            // editors can do everything except change IAM policies and mint tokens
            Map.entry("roles/editor", p -> !p.endsWith(".setIamPolicy") && !p.equals("iam.serviceAccounts.getAccessToken")),
            Map.entry("roles/viewer", READ),
            Map.entry("roles/dataflow.admin", p -> p.startsWith("dataflow.")),
            Map.entry("roles/dataflow.developer", p -> p.startsWith("dataflow.jobs.") || p.equals("dataflow.messages.list")),
            Map.entry("roles/dataflow.viewer", p -> (p.startsWith("dataflow.jobs.") && READ.test(p))
                    || p.equals("dataflow.messages.list")),
            Map.entry("roles/dataflow.worker", p -> p.startsWith("dataflow.workItems.")),
            Map.entry("roles/iam.serviceAccountUser", Set.of("iam.serviceAccounts.actAs", "iam.serviceAccounts.get",
                    "iam.serviceAccounts.list")::contains),
            Map.entry("roles/iam.workloadIdentityUser", Set.of("iam.serviceAccounts.getAccessToken",
                    "iam.serviceAccounts.getOpenIdToken", "iam.serviceAccounts.get")::contains),
            Map.entry("roles/iam.serviceAccountTokenCreator", Set.of("iam.serviceAccounts.getAccessToken",
                    "iam.serviceAccounts.getOpenIdToken", "iam.serviceAccounts.signJwt", "iam.serviceAccounts.signBlob",
                    "iam.serviceAccounts.get")::contains),
            Map.entry("roles/iam.serviceAccountAdmin", p -> p.startsWith("iam.serviceAccounts.")
                    && !p.equals("iam.serviceAccounts.actAs") && !p.equals("iam.serviceAccounts.getAccessToken")),
            Map.entry("roles/iam.serviceAccountKeyAdmin", p -> p.startsWith("iam.serviceAccountKeys.")),
            Map.entry("roles/iam.workloadIdentityPoolAdmin", p -> p.startsWith("iam.workloadIdentityPool")),
            Map.entry("roles/iam.workloadIdentityPoolViewer", p -> p.startsWith("iam.workloadIdentityPool") && READ.test(p)),
            Map.entry("roles/resourcemanager.projectIamAdmin", Set.of("resourcemanager.projects.getIamPolicy",
                    "resourcemanager.projects.setIamPolicy")::contains),
            Map.entry("roles/serviceusage.serviceUsageAdmin", p -> p.startsWith("serviceusage.")),
            Map.entry("roles/serviceusage.serviceUsageConsumer", Set.of("serviceusage.services.use",
                    "serviceusage.services.get", "serviceusage.services.list")::contains));

    private Roles() {
    }

    static boolean grants(String role, String permission) {
        Predicate<String> p = GRANTS.get(role);
        return p != null && p.test(permission);
    }
}
