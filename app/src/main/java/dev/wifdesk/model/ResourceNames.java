package dev.wifdesk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IAM resource names of pools and providers, and the audiences STS accepts by default. */
public final class ResourceNames {
    public static final String IAM_PREFIX = "//iam.googleapis.com/";
    private static final Pattern PROVIDER = Pattern.compile(
            "projects/([^/]+)/locations/global/workloadIdentityPools/([^/]+)/providers/([^/]+)");
    private static final Pattern POOL = Pattern.compile(
            "projects/([^/]+)/locations/global/workloadIdentityPools/([^/]+)");

    private ResourceNames() {
    }

    public static String poolName(String project, String poolId) {
        return "projects/" + project + "/locations/global/workloadIdentityPools/" + poolId;
    }

    public static String providerName(String project, String poolId, String providerId) {
        return poolName(project, poolId) + "/providers/" + providerId;
    }

    /** The two forms of the default audience: {@code //iam.googleapis.com/NAME} and with {@code https:}. */
    public static List<String> defaultAudiences(String providerName) {
        List<String> out = new ArrayList<>();
        out.add(IAM_PREFIX + providerName);
        out.add("https:" + IAM_PREFIX + providerName);
        return out;
    }

    /** A provider resource name split into its parts; accepts the bare name or one with the IAM prefix. */
    public record ProviderRef(String project, String poolId, String providerId) {
        public String name() {
            return providerName(project, poolId, providerId);
        }

        public String poolName() {
            return ResourceNames.poolName(project, poolId);
        }
    }

    public static Optional<ProviderRef> parseProvider(String nameOrAudience) {
        Matcher m = PROVIDER.matcher(stripPrefix(nameOrAudience));
        return m.matches() ? Optional.of(new ProviderRef(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** A pool name (project, pool id) when the text names a pool and not a provider. */
    public static Optional<String[]> parsePool(String nameOrAudience) {
        Matcher m = POOL.matcher(stripPrefix(nameOrAudience));
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }

    public static String stripPrefix(String s) {
        String t = s == null ? "" : s.trim();
        if (t.startsWith("https:")) {
            t = t.substring("https:".length());
        }
        if (t.startsWith(IAM_PREFIX)) {
            t = t.substring(IAM_PREFIX.length());
        }
        return t;
    }

    /** A project number is all digits; anything else is a project ID. */
    public static boolean isProjectNumber(String project) {
        return project != null && !project.isEmpty() && project.chars().allMatch(Character::isDigit);
    }
}
