package dev.wifdesk.model;

import java.util.Locale;
import java.util.Set;

/**
 * OIDC issuers shared by many tenants: anyone there can get a token, so a provider for them needs
 * a tight attribute condition. The one list the spec validator, the diagnostics and the sandbox use.
 */
public final class Issuers {
    public static final String GITLAB_COM = "https://gitlab.com";
    /** GitLab's "Google Cloud IAM" integration issues tokens as {@code PREFIX<top-level-group>}. */
    public static final String GITLAB_INTEGRATION_PREFIX = "https://auth.gcp.gitlab.com/oidc/";
    /** The public multi-tenant issuers for which Google itself refuses a provider without a condition. */
    public static final Set<String> WELL_KNOWN_MULTI_TENANT = Set.of(GITLAB_COM, "https://token.actions.githubusercontent.com");

    private Issuers() {
    }

    /** A well-known multi-tenant issuer, or the GitLab integration issuer (one per group, all its projects). */
    public static boolean isMultiTenant(String issuer) {
        String i = normalized(issuer);
        return WELL_KNOWN_MULTI_TENANT.contains(i) || i.startsWith(GITLAB_INTEGRATION_PREFIX);
    }

    public static boolean isWellKnownMultiTenant(String issuer) {
        return WELL_KNOWN_MULTI_TENANT.contains(normalized(issuer));
    }

    public static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String normalized(String issuer) {
        return issuer == null ? "" : stripSlash(issuer.trim().toLowerCase(Locale.ROOT));
    }
}
