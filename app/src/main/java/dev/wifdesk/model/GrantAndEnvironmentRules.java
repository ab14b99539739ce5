package dev.wifdesk.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of {@code gcp.grant[*]} (each entry parses and uses a mapped attribute) and of
 * {@code environments[*].*} (names, their service accounts, unique across the spec).
 */
final class GrantAndEnvironmentRules {
    private GrantAndEnvironmentRules() {
    }

    static void grants(FederationSpec spec, List<SpecProblem> out) {
        List<String> grants = spec.gcp().grant();
        // a grant on an attribute is only as good as the provider's mapping of it
        Map<String, String> mapping = spec.gcp().provider() == null ? Map.of() : spec.gcp().provider().attributeMapping();
        if (grants.isEmpty()) {
            out.add(SpecProblem.of("gcp.grant", "is empty: nobody could impersonate the service account",
                    SpecRules.GRANT_REQUIRED));
        }
        for (int i = 0; i < grants.size(); i++) {
            String f = "gcp.grant[" + i + "]";
            GrantEntry entry;
            try {
                entry = GrantEntry.parse(grants.get(i));
            } catch (IllegalArgumentException e) {
                out.add(SpecProblem.of(f, e.getMessage(), SpecRules.GRANT_ENTRY));
                continue;
            }
            entry.requiredMappingKey().filter(k -> !mapping.containsKey(k)).ifPresent(k -> out.add(
                    entry.kind() == PrincipalIdentifier.Kind.GROUP
                            ? SpecProblem.of(f, SpecText.quote(entry.format()) + " needs google.groups in the attributeMapping",
                                    SpecRules.GRANT_GROUP_MAPPED)
                            : SpecProblem.of(f, SpecText.quote(entry.format()) + " uses " + k
                                    + ", which the attributeMapping does not map", SpecRules.GRANT_ATTRIBUTE_MAPPED)));
        }
    }

    static void environments(FederationSpec spec, List<SpecProblem> out) {
        Map<String, String> accounts = new HashMap<>();
        if (spec.gcp().serviceAccount() != null && spec.gcp().serviceAccount().id() != null) {
            accounts.put(spec.gcp().serviceAccount().id(), "gcp.serviceAccount.id");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.environments().size(); i++) {
            FederationSpec.Environment env = spec.environments().get(i);
            String f = "environments[" + i + "]";
            String name = env.name();
            if (name == null || name.isBlank()) {
                out.add(SpecProblem.of(f + ".name", "is missing", SpecRules.REQUIRED));
            } else if (!SpecRules.ENVIRONMENT.matcher(name).matches() || name.startsWith("/") || name.endsWith("/")) {
                out.add(SpecProblem.of(f + ".name", SpecText.quote(name) + " is not a GitLab environment name",
                        SpecRules.ENVIRONMENT_NAME));
            } else if (!names.add(name)) {
                out.add(SpecProblem.of(f + ".name", SpecText.quote(name) + " is listed twice", SpecRules.ENVIRONMENT_UNIQUE));
            }
            GcpResourceRules.serviceAccount(out, f + ".serviceAccount", env.serviceAccount());
            if (env.serviceAccount() != null && env.serviceAccount().id() != null) {
                String previous = accounts.putIfAbsent(env.serviceAccount().id(), f + ".serviceAccount.id");
                if (previous != null) {
                    out.add(SpecProblem.of(f + ".serviceAccount.id", SpecText.quote(env.serviceAccount().id())
                            + " is already used by " + previous, SpecRules.SERVICE_ACCOUNT_UNIQUE));
                }
            }
        }
    }

}
