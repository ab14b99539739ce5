package dev.wifdesk.ui.setup;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a provider's attribute condition from the choices a GitLab user thinks in: which
 * namespace or project, protected refs only, branches or tags, which environments. GitLab sends
 * booleans as the strings "true"/"false", so they are compared as strings.
 */
public final class ConditionBuilder {
    /** Which kind of ref may federate. */
    public enum RefKind { ANY, BRANCH, TAG }

    private ConditionBuilder() {
    }

    /** Blank parts are left out; {@code environments} empty admits any (and no) environment. */
    public static String build(String namespace, String projectPath, boolean protectedRefsOnly, RefKind refs,
                               List<String> environments) {
        List<String> clauses = new ArrayList<>();
        if (namespace != null && !namespace.isBlank()) {
            clauses.add("assertion.namespace_path == " + quote(namespace.strip()));
        }
        if (projectPath != null && !projectPath.isBlank()) {
            clauses.add("assertion.project_path == " + quote(projectPath.strip()));
        }
        if (protectedRefsOnly) {
            clauses.add("assertion.ref_protected == \"true\"");
        }
        if (refs == RefKind.BRANCH) {
            clauses.add("assertion.ref_type == \"branch\"");
        } else if (refs == RefKind.TAG) {
            clauses.add("assertion.ref_type == \"tag\"");
        }
        List<String> envs = environments.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
        if (envs.size() == 1) {
            clauses.add("assertion.environment == " + quote(envs.get(0)));
        } else if (envs.size() > 1) {
            clauses.add("assertion.environment in [" + String.join(", ", envs.stream().map(ConditionBuilder::quote)
                    .toList()) + "]");
        }
        return String.join(" && ", clauses);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The namespace of a project path ({@code acme/data/pipelines} -> {@code acme/data}). */
    public static String namespaceOf(String projectPath) {
        int slash = projectPath == null ? -1 : projectPath.lastIndexOf('/');
        return slash <= 0 ? "" : projectPath.substring(0, slash);
    }
}
