package dev.wifdesk.diagnose;

import java.util.Locale;

/** Which issuers are shared by many tenants (anyone there can get a token), and GitLab's integration proxy issuer. */
final class Issuers {
    static final String GITLAB_COM = "https://gitlab.com";
    static final String GITLAB_INTEGRATION_PREFIX = "https://auth.gcp.gitlab.com/oidc/";

    private Issuers() {
    }

    static boolean isMultiTenant(String issuer) {
        if (issuer == null) {
            return false;
        }
        String i = stripSlash(issuer.trim().toLowerCase(Locale.ROOT));
        return i.equals(GITLAB_COM) || i.startsWith(GITLAB_INTEGRATION_PREFIX)
                || i.equals("https://token.actions.githubusercontent.com");
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
