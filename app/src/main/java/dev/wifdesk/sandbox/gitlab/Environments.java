package dev.wifdesk.sandbox.gitlab;

import java.util.Locale;

/** The sandbox project's deployment environments: {@code production} is protected; tiers as GitLab guesses them. */
final class Environments {
    private Environments() {
    }

    static IdTokenRequest.Environment of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        boolean isProtected = n.equals("production");
        return new IdTokenRequest.Environment(name, isProtected, tier(n), "start");
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
