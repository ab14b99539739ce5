package dev.wifdesk.sandbox.gitlab;

import java.util.Locale;
import java.util.Set;

/**
 * The sandbox project's deployment environments: {@code production} is a protected environment,
 * {@code staging} (and any other a job names) is not; tiers as GitLab guesses them from the name
 * when the job does not set {@code deployment_tier}.
 */
final class Environments {
    /** The seeded protected environments of the sandbox project. */
    static final Set<String> PROTECTED = Set.of("production");

    private Environments() {
    }

    /** {@code tier}/{@code action}: as the job's {@code environment:} says, or null for GitLab's defaults. */
    static IdTokenRequest.Environment of(String name, String tier, String action) {
        String n = name.toLowerCase(Locale.ROOT);
        return new IdTokenRequest.Environment(name, PROTECTED.contains(name), tier == null ? tier(n) : tier,
                action == null ? "start" : action);
    }

    /** GitLab derives deployment_tier from the environment name when the job does not set it. */
    static String tier(String n) {
        if (n.matches("(prod|production|live).*")) {
            return "production";
        }
        if (n.matches("(stag|staging|model|demo).*")) {
            return "staging";
        }
        if (n.matches("(test|testing|qa|quality|tst|sit|uat).*")) {
            return "testing";
        }
        if (n.matches("(dev|development|review|trunk).*")) {
            return "development";
        }
        return "other";
    }
}
