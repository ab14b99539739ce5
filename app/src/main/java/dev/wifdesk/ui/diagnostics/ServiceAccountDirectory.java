package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.ui.connection.Connection;
import java.io.IOException;
import java.util.List;

/**
 * The connected project's service accounts, their IAM policies, pools, and binding edits
 * (blocking network calls: background tasks only).
 */
public interface ServiceAccountDirectory {
    /** The e-mails of the project's service accounts. */
    List<String> list(String projectId) throws IOException;

    /** The service account's IAM policy as the IAM API returns it (JSON). */
    String policyJson(String resource) throws IOException;

    /** The workload identity pool as the IAM API returns it (JSON). */
    String poolJson(String poolName) throws IOException;

    /** Read-modify-write of the policy with its etag; other bindings are kept. */
    void apply(PolicyChange change) throws IOException;

    /** Builds the directory for a connection (the real one uses the connection's Iam client). */
    interface Factory {
        ServiceAccountDirectory forConnection(Connection connection);
    }

    /** {@code projects/PROJECT/serviceAccounts/EMAIL}, the project taken from a user-managed account's e-mail. */
    static String resource(String email, String fallbackProjectId) {
        String e = email.trim();
        int at = e.indexOf('@');
        String domain = at < 0 ? "" : e.substring(at + 1);
        String suffix = ".iam.gserviceaccount.com";
        String project = domain.endsWith(suffix) ? domain.substring(0, domain.length() - suffix.length())
                : fallbackProjectId == null || fallbackProjectId.isBlank() ? "-" : fallbackProjectId;
        return "projects/" + project + "/serviceAccounts/" + e;
    }
}
