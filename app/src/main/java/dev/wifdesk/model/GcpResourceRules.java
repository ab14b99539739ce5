package dev.wifdesk.model;

import java.util.List;

/**
 * The rules of {@code gcp.project}, {@code gcp.pool.*}, {@code gcp.serviceAccount.*} and
 * {@code gcp.projectRoles[*]}: ids and names of the Google resources, per WIF-FACTS.md's limits.
 */
final class GcpResourceRules {
    private GcpResourceRules() {
    }

    static void project(FederationSpec spec, List<SpecProblem> out) {
        projectId(out, "gcp.project", spec.gcp().project());
    }

    static void pool(FederationSpec spec, List<SpecProblem> out) {
        pool(out, spec.gcp().pool());
    }

    static void serviceAccount(FederationSpec spec, List<SpecProblem> out) {
        serviceAccount(out, "gcp.serviceAccount", spec.gcp().serviceAccount());
    }

    static void projectRoles(FederationSpec spec, List<SpecProblem> out) {
        List<String> roles = spec.gcp().projectRoles();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            if (!SpecRules.ROLE.matcher(role).matches()) {
                out.add(SpecProblem.of("gcp.projectRoles[" + i + "]", SpecText.quote(role) + " is not a predefined role name",
                        SpecRules.PROJECT_ROLE));
            }
        }
    }

    private static void pool(List<SpecProblem> out, FederationSpec.Pool pool) {
        if (pool == null) {
            out.add(SpecProblem.of("gcp.pool", "is missing", SpecRules.REQUIRED));
            return;
        }
        id(out, "gcp.pool.id", pool.id(), SpecRules.POOL_ID);
        int displayName = pool.displayName() == null ? 0 : pool.displayName().codePointCount(0, pool.displayName().length());
        if (displayName > SpecRules.DISPLAY_NAME_MAX) {
            out.add(SpecProblem.of("gcp.pool.displayName", "is " + displayName + " chars", SpecRules.DISPLAY_NAME));
        }
        int description = pool.description().codePointCount(0, pool.description().length());
        if (description > SpecRules.DESCRIPTION_MAX) {
            out.add(SpecProblem.of("gcp.pool.description", "is " + description + " chars", SpecRules.DESCRIPTION));
        }
    }

    private static void projectId(List<SpecProblem> out, String field, String project) {
        if (project == null || project.isBlank()) {
            out.add(SpecProblem.of(field, "is missing", SpecRules.REQUIRED));
            return;
        }
        if (SpecRules.PROJECT_ID_SHAPE.matcher(project).matches()) {
            return;
        }
        String detail;
        if (ResourceNames.isProjectNumber(project)) {
            detail = SpecText.quote(project) + " is a project number; give the project ID (the number is looked up)";
        } else if (project.length() < 6 || project.length() > 30) {
            detail = SpecText.quote(project) + " is " + project.length() + " chars";
        } else if (!Character.isLowerCase(project.charAt(0)) || !(project.charAt(0) >= 'a' && project.charAt(0) <= 'z')) {
            detail = SpecText.quote(project) + " must start with a lowercase letter";
        } else if (project.endsWith("-")) {
            detail = SpecText.quote(project) + " must not end with a hyphen";
        } else {
            detail = SpecText.quote(project) + " has characters outside [a-z0-9-]: " + SpecText.outside(project, "abcdefghijklmnopqrstuvwxyz0123456789-");
        }
        out.add(SpecProblem.of(field, detail, SpecRules.PROJECT_ID));
    }

    /** Pool and provider ids: 4-32 chars of [a-z0-9-], never gcp-. */
    static void id(List<SpecProblem> out, String field, String id, String rule) {
        if (id == null || id.isBlank()) {
            out.add(SpecProblem.of(field, "is missing", SpecRules.REQUIRED));
        } else if (id.startsWith("gcp-")) {
            out.add(SpecProblem.of(field, SpecText.quote(id) + " must not start with \"gcp-\"", rule));
        } else if (id.length() < SpecRules.ID_MIN || id.length() > SpecRules.ID_MAX) {
            out.add(SpecProblem.of(field, SpecText.quote(id) + " is " + id.length() + " chars", rule));
        } else if (!SpecRules.ID_CHARS.matcher(id).matches()) {
            out.add(SpecProblem.of(field, SpecText.quote(id) + " has characters outside [a-z0-9-]: "
                    + SpecText.outside(id, "abcdefghijklmnopqrstuvwxyz0123456789-"), rule));
        }
    }

    static void serviceAccount(List<SpecProblem> out, String field, FederationSpec.ServiceAccount sa) {
        if (sa == null) {
            out.add(SpecProblem.of(field, "is missing", SpecRules.REQUIRED));
            return;
        }
        String f = field + ".id";
        String id = sa.id();
        if (id == null || id.isBlank()) {
            out.add(SpecProblem.of(f, "is missing", SpecRules.REQUIRED));
        } else if (id.contains("@")) {
            out.add(SpecProblem.of(f, SpecText.quote(id) + " is an email; give only the part before @",
                    SpecRules.SERVICE_ACCOUNT_ID));
        } else if (id.length() < 6 || id.length() > 30) {
            out.add(SpecProblem.of(f, SpecText.quote(id) + " is " + id.length() + " chars", SpecRules.SERVICE_ACCOUNT_ID));
        } else if (!SpecRules.SERVICE_ACCOUNT_ID_SHAPE.matcher(id).matches()) {
            String detail = !(id.charAt(0) >= 'a' && id.charAt(0) <= 'z') ? " must start with a lowercase letter"
                    : id.endsWith("-") ? " must end with a letter or digit"
                    : " has characters outside [-a-z0-9]: " + SpecText.outside(id, "abcdefghijklmnopqrstuvwxyz0123456789-");
            out.add(SpecProblem.of(f, SpecText.quote(id) + detail, SpecRules.SERVICE_ACCOUNT_ID));
        }
    }

}
