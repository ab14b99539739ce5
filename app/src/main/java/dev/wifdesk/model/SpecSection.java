package dev.wifdesk.model;

/**
 * A section of the spec file (CLI.md, "The spec file"), named by the field-path prefix of the
 * problems its rules report: a wizard step validates its own section with exactly the rules
 * {@code plan} runs, and a problem's field tells which step it belongs to.
 */
public enum SpecSection {
    PROJECT("gcp.project"),
    POOL("gcp.pool"),
    PROVIDER("gcp.provider"),
    SERVICE_ACCOUNT("gcp.serviceAccount"),
    GRANT("gcp.grant"),
    PROJECT_ROLES("gcp.projectRoles"),
    ENVIRONMENTS("environments"),
    GITLAB("gitlab"),
    DATAFLOW("dataflow");

    private final String prefix;

    SpecSection(String prefix) {
        this.prefix = prefix;
    }

    /** The field-path prefix, e.g. {@code gcp.provider}. */
    public String prefix() {
        return prefix;
    }

    /** True when the field path lies in this section: the prefix itself, or it followed by {@code .} or {@code [}. */
    public boolean covers(String field) {
        return isUnder(field, prefix);
    }

    /** The section a field path lies in ({@code gcp.grant[2]} is {@link #GRANT}). */
    public static java.util.Optional<SpecSection> of(String field) {
        for (SpecSection s : values()) {
            if (s.covers(field)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /** True when {@code field} is {@code prefix} or lies below it (after a {@code .} or {@code [}). */
    static boolean isUnder(String field, String prefix) {
        if (field == null || !field.startsWith(prefix)) {
            return false;
        }
        if (field.length() == prefix.length() || prefix.isEmpty()) {
            return true;
        }
        char next = field.charAt(prefix.length());
        return next == '.' || next == '[';
    }
}
