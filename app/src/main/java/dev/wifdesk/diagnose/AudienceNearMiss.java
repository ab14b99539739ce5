package dev.wifdesk.diagnose;

import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why an audience is not accepted when it almost is: default audience while allowed audiences
 * are set, project ID for number, pool for provider, missing {@code //iam.googleapis.com/}, or a
 * small typo (case, whitespace, trailing slash, http vs https, a few edits) with the exact
 * character that differs.
 */
final class AudienceNearMiss {

    /** What the provider accepts. {@code provider} and {@code projectNumber} may be null when unknown. */
    record Rules(List<String> accepted, boolean explicitAllowed, List<String> defaults,
                 ResourceNames.ProviderRef provider, String projectNumber, String projectId) {
        Rules {
            accepted = List.copyOf(accepted);
            defaults = List.copyOf(defaults);
        }

        boolean accepts(String aud) {
            return accepted.contains(aud);
        }
    }

    /** One explanation: the code, what differs, and the value that would be accepted. */
    record NearMiss(FindingCode code, String explanation, String corrected) {
    }

    private AudienceNearMiss() {
    }

    static List<NearMiss> analyze(String aud, Rules rules) {
        List<NearMiss> out = new ArrayList<>();
        if (aud == null) {
            return out;
        }
        String trimmed = aud.trim();
        if (rules.explicitAllowed() && rules.defaults().contains(trimmed)) {
            out.add(new NearMiss(FindingCode.AUDIENCE_DEFAULT_NOT_ALLOWED,
                    "the audience is the provider's default audience, but the provider has allowed audiences "
                            + rules.accepted() + "; once allowed audiences are set the default one is no longer accepted",
                    rules.accepted().get(0)));
            return out;
        }
        Optional<String> once = withoutDoubledPrefix(trimmed);
        if (once.isPresent()) {
            String corrected = ResourceNames.parseProvider(once.get()).map(p -> ResourceNames.IAM_PREFIX
                    + ResourceNames.providerName(number(rules, p.project()), p.poolId(), p.providerId())).orElse(once.get());
            out.add(new NearMiss(FindingCode.AUDIENCE_DOUBLE_PREFIX, "the audience carries the '" + ResourceNames.IAM_PREFIX
                    + "' prefix twice: gcloud iam workload-identity-pools create-cred-config adds it to its AUDIENCE "
                    + "argument, so that argument must be the name without it (projects/NUMBER/locations/global/...; "
                    + "in a job: \"${WIF_PROVIDER#" + ResourceNames.IAM_PREFIX + "}\")", preferAccepted(corrected, rules)));
            return out;
        }
        String bare = stripLenient(trimmed);
        boolean hasPrefix = trimmed.startsWith(ResourceNames.IAM_PREFIX) || trimmed.startsWith("https:" + ResourceNames.IAM_PREFIX);
        Optional<ResourceNames.ProviderRef> asProvider = ResourceNames.parseProvider(bare);
        Optional<String[]> asPool = ResourceNames.parsePool(bare);
        if (asProvider.isPresent()) {
            ResourceNames.ProviderRef p = asProvider.get();
            String number = number(rules, p.project());
            String fixedName = ResourceNames.providerName(number, p.poolId(), p.providerId());
            if (!ResourceNames.isProjectNumber(p.project())) {
                out.add(new NearMiss(FindingCode.AUDIENCE_PROJECT_ID, "the audience names project '" + p.project()
                        + "' by its ID; audiences and provider names use the project NUMBER" + (number.equals("PROJECT_NUMBER")
                        ? "" : " (" + number + ")"), preferAccepted(ResourceNames.IAM_PREFIX + fixedName, rules)));
            }
            if (!hasPrefix) {
                out.add(new NearMiss(FindingCode.AUDIENCE_MISSING_PREFIX, "the audience is a provider resource name without the '"
                        + ResourceNames.IAM_PREFIX + "' prefix", preferAccepted(ResourceNames.IAM_PREFIX + fixedName, rules)));
            }
        } else if (asPool.isPresent()) {
            String[] pool = asPool.get();
            String number = number(rules, pool[0]);
            String providerId = rules.provider() != null && rules.provider().poolId().equals(pool[1])
                    ? rules.provider().providerId() : "PROVIDER";
            out.add(new NearMiss(FindingCode.AUDIENCE_POOL_NOT_PROVIDER, "the audience names the pool '" + pool[1]
                    + "', not a provider in it; it must end in /providers/PROVIDER_ID",
                    preferAccepted(ResourceNames.IAM_PREFIX + ResourceNames.providerName(number, pool[1], providerId), rules)));
            if (!ResourceNames.isProjectNumber(pool[0])) {
                out.add(new NearMiss(FindingCode.AUDIENCE_PROJECT_ID, "the audience names project '" + pool[0]
                        + "' by its ID; audiences use the project NUMBER", null));
            }
        }
        if (out.isEmpty()) {
            typo(aud, rules).ifPresent(out::add);
        }
        return out;
    }

    /** The closest accepted audience when {@code aud} is a small slip away from it. */
    static Optional<NearMiss> typo(String aud, Rules rules) {
        NearMiss best = null;
        double bestScore = Double.MAX_VALUE;
        for (String accepted : rules.accepted()) {
            String why = null;
            double score;
            if (aud.strip().equals(accepted)) {
                why = "it has " + (aud.startsWith(aud.strip()) ? "trailing" : "leading") + " whitespace ("
                        + TextDiff.describe(accepted, aud) + ")";
                score = 0.1;
            } else if (aud.equalsIgnoreCase(accepted)) {
                why = "it differs only in upper/lower case at " + TextDiff.describe(accepted, aud);
                score = 0.2;
            } else if (stripSlash(aud).equals(stripSlash(accepted))) {
                why = aud.endsWith("/") ? "it has a trailing slash the accepted audience lacks"
                        : "it lacks the trailing slash of the accepted audience";
                score = 0.3;
            } else if (scheme(aud).equals(scheme(accepted))) {
                why = "it uses " + (aud.startsWith("http://") ? "http" : "https") + " where the accepted audience uses "
                        + (accepted.startsWith("http://") ? "http" : "https");
                score = 0.4;
            } else if (stripSlash(aud.strip()).equalsIgnoreCase(stripSlash(accepted))) {
                why = "it differs in case, whitespace or a trailing slash (" + TextDiff.describe(accepted, aud) + ")";
                score = 0.5;
            } else {
                int d = TextDiff.distance(aud, accepted);
                if (d <= Math.max(3, accepted.length() / 15)) {
                    why = d + " character edit" + (d == 1 ? "" : "s") + " away, first at " + TextDiff.describe(accepted, aud);
                    score = d;
                } else {
                    continue;
                }
            }
            if (score < bestScore) {
                bestScore = score;
                best = new NearMiss(FindingCode.AUDIENCE_TYPO, why, accepted);
            }
        }
        return Optional.ofNullable(best);
    }

    private static String number(Rules rules, String fallback) {
        if (rules.projectNumber() != null) {
            return rules.projectNumber();
        }
        if (rules.provider() != null && ResourceNames.isProjectNumber(rules.provider().project())) {
            return rules.provider().project();
        }
        return ResourceNames.isProjectNumber(fallback) ? fallback : "PROJECT_NUMBER";
    }

    /** The corrected form, unless the provider would not accept it: then the first accepted audience. */
    private static String preferAccepted(String corrected, Rules rules) {
        if (rules.accepted().isEmpty() || rules.accepts(corrected)) {
            return corrected;
        }
        return rules.accepted().get(0);
    }

    /** {@code //iam.googleapis.com///iam.googleapis.com/X} (or with {@code https:} inside) -> {@code //iam.googleapis.com/X}. */
    private static Optional<String> withoutDoubledPrefix(String aud) {
        if (!aud.startsWith(ResourceNames.IAM_PREFIX)) {
            return Optional.empty();
        }
        String rest = aud.substring(ResourceNames.IAM_PREFIX.length());
        for (String inner : List.of(ResourceNames.IAM_PREFIX, "https:" + ResourceNames.IAM_PREFIX)) {
            if (rest.startsWith(inner)) {
                return Optional.of(ResourceNames.IAM_PREFIX + rest.substring(inner.length()));
            }
        }
        return Optional.empty();
    }

    /** Removes any of https:, http:, //, iam.googleapis.com/ from the front, however mangled. */
    static String stripLenient(String aud) {
        String t = aud.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        for (String p : List.of("https:", "http:", "//", "iam.googleapis.com/")) {
            if (lower.startsWith(p)) {
                t = t.substring(p.length());
                lower = lower.substring(p.length());
            }
        }
        return t;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String scheme(String s) {
        return s.startsWith("http://") ? "https://" + s.substring("http://".length()) : s;
    }
}
