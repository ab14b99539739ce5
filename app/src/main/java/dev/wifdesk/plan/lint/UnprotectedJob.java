package dev.wifdesk.plan.lint;

import dev.wifdesk.model.PrincipalIdentifier;
import dev.wifdesk.model.SetupValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ID token of a GitLab job on an UNPROTECTED branch that a member of the setup is meant for:
 * the granted project (and environment, unprotected too), every boolean a string as GitLab sends
 * it. If the provider's condition admits this token, anyone who can push a branch reaches the account.
 */
final class UnprotectedJob {
    static final String REF = "wifdesk-lint-unprotected";
    private static final String DEFAULT_PROJECT = "group/project";

    private UnprotectedJob() {
    }

    /**
     * The claims of such a job for {@code member}; empty when no token can be built for it (a
     * {@code group/} member: GitLab tokens carry no groups).
     */
    static Optional<Map<String, Object>> claims(PrincipalIdentifier member, SetupValues values, String issuer,
                                               Optional<String> environment) {
        String project = values.gitlabProjectPath().isEmpty() ? DEFAULT_PROJECT : values.gitlabProjectPath();
        Map<String, String> fromMember = new LinkedHashMap<>();
        switch (member.kind()) {
            case GROUP:
                return Optional.empty();
            case SUBJECT:
                fromMember.put("sub", member.value());
                fromMember.putAll(parseGitLabSubject(member.value()));
                break;
            case ATTRIBUTE:
                fromMember.putAll(claimsForAttribute(member.attribute(), member.value()));
                break;
            default:
                break;
        }
        project = fromMember.getOrDefault("project_path", project);
        String refType = fromMember.getOrDefault("ref_type", "branch");
        String ref = fromMember.getOrDefault("ref", REF);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", issuer);
        c.put("aud", values.idTokenAudience());
        c.put("sub", "project_path:" + project + ":ref_type:" + refType + ":ref:" + ref);
        c.put("namespace_id", "1");
        c.put("namespace_path", namespaceOf(project));
        c.put("project_id", "1");
        c.put("project_path", project);
        c.put("user_id", "1");
        c.put("user_login", "developer");
        c.put("user_access_level", "developer");
        c.put("pipeline_id", "1");
        c.put("pipeline_source", "push");
        c.put("job_id", "1");
        c.put("ref", ref);
        c.put("ref_type", refType);
        c.put("ref_path", ("tag".equals(refType) ? "refs/tags/" : "refs/heads/") + ref);
        c.put("ref_protected", "false");
        c.put("runner_environment", "self-hosted");
        environment.or(() -> Optional.ofNullable(fromMember.get("environment"))).ifPresent(env -> {
            c.put("environment", env);
            c.put("environment_protected", "false");
            c.put("deployment_tier", "other");
        });
        fromMember.forEach(c::put);
        return Optional.of(c);
    }

    /** The claims behind one mapped attribute: our per-environment ones split, any other taken as a claim. */
    private static Map<String, String> claimsForAttribute(String attribute, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (attribute.equals(SetupValues.PROJECT_ENVIRONMENT) || attribute.equals(SetupValues.PROTECTED_PROJECT_ENVIRONMENT)) {
            int colon = value.lastIndexOf(':');
            if (colon > 0) {
                out.put("project_path", value.substring(0, colon));
                out.put("environment", value.substring(colon + 1));
            }
            return out;
        }
        if (attribute.equals("namespace_path")) {
            out.put("project_path", value + "/project");
        }
        if (attribute.equals("ref_protected")) {
            return out; // the one claim this token must keep "false"
        }
        out.put(attribute, value);
        return out;
    }

    /** GitLab's {@code sub}: {@code project_path:P:ref_type:T:ref:R}; other subjects give nothing. */
    private static Map<String, String> parseGitLabSubject(String sub) {
        Map<String, String> out = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("project_path:(.+):ref_type:(branch|tag):ref:(.+)").matcher(sub);
        if (m.matches()) {
            out.put("project_path", m.group(1));
            out.put("ref_type", m.group(2));
            out.put("ref", m.group(3));
        }
        return out;
    }

    private static String namespaceOf(String project) {
        int slash = project.lastIndexOf('/');
        return slash > 0 ? project.substring(0, slash) : project;
    }
}
