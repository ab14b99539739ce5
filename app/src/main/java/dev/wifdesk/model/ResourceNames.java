package dev.wifdesk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM resource names of pools and providers, the audiences STS accepts by default, and project
 * numbers: the one place for the {@code //iam.googleapis.com/} prefix and for telling a project
 * number from a project ID.
 */
public final class ResourceNames {
    /** The IAM service's host, as principal identifiers and full resource names spell it. */
    public static final String IAM_HOST = "iam.googleapis.com";
    /** The prefix of a full resource name (and of the STS audience): {@code //iam.googleapis.com/}. */
    public static final String IAM_PREFIX = "//" + IAM_HOST + "/";
    /** The rule a project number follows, for messages. */
    public static final String PROJECT_NUMBER_RULE = "a project number is 1-20 digits (the NUMBER, not the ID: "
            + "gcloud projects describe PROJECT_ID --format='value(projectNumber)')";
    private static final String PROJECTS = "projects/";
    private static final Pattern PROVIDER = Pattern.compile(
            "projects/([^/]+)/locations/global/workloadIdentityPools/([^/]+)/providers/([^/]+)");
    private static final Pattern POOL = Pattern.compile(
            "projects/([^/]+)/locations/global/workloadIdentityPools/([^/]+)");

    private ResourceNames() {
    }

    public static String poolName(String project, String poolId) {
        return PROJECTS + project + "/locations/global/workloadIdentityPools/" + poolId;
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

    /**
     * The full resource name {@code //iam.googleapis.com/NAME} of a pool or provider, given its name
     * with or without the prefix: the STS audience, and the value of the {@code WIF_PROVIDER} variable.
     */
    public static String fullName(String name) {
        return IAM_PREFIX + stripPrefix(name);
    }

    /** A project number is 1-20 ASCII digits; anything else is a project ID. */
    public static boolean isProjectNumber(String project) {
        return project != null && !project.isEmpty() && project.length() <= 20
                && project.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The project of a Resource Manager name {@code projects/N} (the number, as v3 names projects);
     * a text without the {@code projects/} prefix is taken as the project itself.
     */
    public static String projectOf(String projectName) {
        String t = projectName == null ? "" : projectName.strip();
        return t.startsWith(PROJECTS) ? t.substring(PROJECTS.length()) : t;
    }

    /** The Resource Manager name {@code projects/PROJECT}. */
    public static String projectName(String project) {
        return PROJECTS + project;
    }
}
