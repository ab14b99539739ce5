package dev.wifdesk.cloud;

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
}
