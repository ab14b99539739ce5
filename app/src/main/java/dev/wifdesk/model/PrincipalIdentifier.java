package dev.wifdesk.model;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload identity federation principal or principalSet, as IAM policy members spell them.
 * The project must be the NUMBER for IAM to match; {@link #usesProjectNumber()} tells.
 */
public record PrincipalIdentifier(Kind kind, String project, String poolId, String attribute, String value) {

    public enum Kind { SUBJECT, ATTRIBUTE, GROUP, ALL }

    private static final String BASE = Pattern.quote(ResourceNames.IAM_HOST) + "/projects/([^/]+)/locations/global/workloadIdentityPools/([^/]+)/";
    private static final Pattern SUBJECT = Pattern.compile("principal://" + BASE + "subject/(.+)");
    private static final Pattern ATTRIBUTE = Pattern.compile("principalSet://" + BASE + "attribute\\.([a-z0-9_]+)/(.+)");
    private static final Pattern GROUP = Pattern.compile("principalSet://" + BASE + "group/(.+)");
    private static final Pattern ALL = Pattern.compile("principalSet://" + BASE + "\\*");

    public PrincipalIdentifier {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(poolId, "poolId");
    }

    public static PrincipalIdentifier subject(String project, String poolId, String subject) {
        return new PrincipalIdentifier(Kind.SUBJECT, project, poolId, null, subject);
    }

    public static PrincipalIdentifier attribute(String project, String poolId, String name, String value) {
        return new PrincipalIdentifier(Kind.ATTRIBUTE, project, poolId, name, value);
    }

    public static PrincipalIdentifier group(String project, String poolId, String group) {
        return new PrincipalIdentifier(Kind.GROUP, project, poolId, null, group);
    }

    public static PrincipalIdentifier all(String project, String poolId) {
        return new PrincipalIdentifier(Kind.ALL, project, poolId, null, null);
    }

    /** True when the member looks like a federation principal at all (starts with principal:// or principalSet://). */
    public static boolean looksLikeFederated(String member) {
        return member != null && (member.startsWith("principal://") || member.startsWith("principalSet://"));
    }

    /**
     * Parses a policy member such as {@code principalSet://iam.googleapis.com/projects/N/locations/global/
     * workloadIdentityPools/P/attribute.project_path/acme/app}.
     *
     * @throws IllegalArgumentException naming the rule the text breaks
     */
    public static PrincipalIdentifier parse(String member) {
        if (member == null || member.isBlank()) {
            throw new IllegalArgumentException("principal identifier is empty");
        }
        Matcher m = SUBJECT.matcher(member);
        if (m.matches()) {
            return subject(m.group(1), m.group(2), m.group(3));
        }
        m = ALL.matcher(member);
        if (m.matches()) {
            return all(m.group(1), m.group(2));
        }
        m = GROUP.matcher(member);
        if (m.matches()) {
            return group(m.group(1), m.group(2), m.group(3));
        }
        m = ATTRIBUTE.matcher(member);
        if (m.matches()) {
            return attribute(m.group(1), m.group(2), m.group(3), m.group(4));
        }
        throw new IllegalArgumentException("'" + member + "' is not a principal identifier: expected "
                + "principal://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/subject/SUBJECT "
                + "or principalSet://.../workloadIdentityPools/POOL/attribute.NAME/VALUE, .../group/GROUP or .../*");
    }

    public String format() {
        String pool = ResourceNames.IAM_HOST + "/" + ResourceNames.poolName(project, poolId) + "/";
        return switch (kind) {
            case SUBJECT -> "principal://" + pool + "subject/" + value;
            case ATTRIBUTE -> "principalSet://" + pool + "attribute." + attribute + "/" + value;
            case GROUP -> "principalSet://" + pool + "group/" + value;
            case ALL -> "principalSet://" + pool + "*";
        };
    }

    public boolean usesProjectNumber() {
        return ResourceNames.isProjectNumber(project);
    }

    @Override
    public String toString() {
        return format();
    }
}
