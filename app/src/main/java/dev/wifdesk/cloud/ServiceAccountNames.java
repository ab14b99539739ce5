package dev.wifdesk.cloud;

/**
 * The one way WIF Desk names a service account for the IAM API, shared by the command line and
 * the GUI: {@code projects/PROJECT/serviceAccounts/EMAIL}, the project taken from a user-managed
 * account's e-mail, else the given project, else {@code -}. A named project matters: by
 * {@code projects/-/...} a missing account answers 403, by project ID 404 (WIRE-FORMATS.md).
 */
public final class ServiceAccountNames {
    private static final String USER_MANAGED = ".iam.gserviceaccount.com";

    private ServiceAccountNames() {
    }

    public static String resource(String email, String fallbackProjectId) {
        String e = email.trim();
        int at = e.indexOf('@');
        String domain = at < 0 ? "" : e.substring(at + 1);
        String project = domain.endsWith(USER_MANAGED) ? domain.substring(0, domain.length() - USER_MANAGED.length())
                : fallbackProjectId == null || fallbackProjectId.isBlank() ? "-" : fallbackProjectId;
        return "projects/" + project + "/serviceAccounts/" + e;
    }
}
