package dev.wifdesk.verify;

import dev.wifdesk.model.SetupValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.models.Project;

/**
 * The claims of GitLab CI ID tokens a verification judges the provider with (never signed, never
 * sent): a job of the configured project on the configured ref (and environment), and two that
 * must be refused, one from another namespace and one from an unprotected branch. Claim names and
 * forms as GitLab sends them (WIF-FACTS.md): ids and booleans are strings.
 */
final class SyntheticTokens {
    static final String OTHER_NAMESPACE = "wifdesk-other-namespace";
    static final String UNPROTECTED_REF = "wifdesk-unprotected-branch";

    private final SetupValues values;
    private final String issuer;
    private final Optional<Project> project;
    private final Instant now;

    SyntheticTokens(SetupValues values, Optional<Project> project, Instant now) {
        this.values = values;
        this.issuer = values.spec().gcp().provider().issuer();
        this.project = project;
        this.now = now;
    }

    /** A job of the configured project on {@code ref}; {@code environment} empty for none. */
    Map<String, Object> job(String ref, boolean refProtected, Optional<String> environment, boolean environmentProtected) {
        String path = values.gitlabProjectPath();
        String namespace = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : path;
        String projectId = project.map(p -> String.valueOf(p.getId())).orElse("1000");
        String namespaceId = project.flatMap(p -> Optional.ofNullable(p.getNamespace())).map(n -> String.valueOf(n.getId()))
                .orElse("100");
        return claims(path, namespace, projectId, namespaceId, ref, refProtected, environment, environmentProtected);
    }

    /** The same job, but of a project in another namespace (a fork or a stranger on a multi-tenant issuer). */
    Map<String, Object> otherNamespace(String ref) {
        String name = values.gitlabProjectPath().substring(values.gitlabProjectPath().lastIndexOf('/') + 1);
        return claims(OTHER_NAMESPACE + "/" + name, OTHER_NAMESPACE, "999999", "999998", ref, true, Optional.empty(), false);
    }

    /** The configured project on an unprotected branch (anyone with Developer can push one). */
    Map<String, Object> unprotectedRef() {
        return job(UNPROTECTED_REF, false, Optional.empty(), false);
    }

    private Map<String, Object> claims(String path, String namespace, String projectId, String namespaceId, String ref,
                                       boolean refProtected, Optional<String> environment, boolean environmentProtected) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", issuer);
        c.put("sub", "project_path:" + path + ":ref_type:branch:ref:" + ref);
        c.put("aud", values.idTokenAudience());
        long t = now.getEpochSecond();
        c.put("iat", t);
        c.put("nbf", t);
        c.put("exp", t + 300);
        c.put("jti", "wifdesk-verify-synthetic");
        c.put("namespace_id", namespaceId);
        c.put("namespace_path", namespace);
        c.put("project_id", projectId);
        c.put("project_path", path);
        c.put("user_id", "1");
        c.put("user_login", "wifdesk-verify");
        c.put("user_access_level", "developer");
        c.put("pipeline_id", "1");
        c.put("pipeline_source", "push");
        c.put("job_id", "1");
        c.put("ref", ref);
        c.put("ref_type", "branch");
        c.put("ref_path", "refs/heads/" + ref);
        c.put("ref_protected", Boolean.toString(refProtected));
        environment.ifPresent(e -> {
            c.put("environment", e);
            c.put("environment_protected", Boolean.toString(environmentProtected));
            c.put("deployment_tier", "other");
            c.put("environment_action", "start");
        });
        c.put("runner_id", "1");
        c.put("runner_environment", "self-hosted");
        c.put("sha", "0000000000000000000000000000000000000000");
        c.put("project_visibility", "private");
        c.put("ci_config_ref_uri", host(issuer) + "/" + path + "//.gitlab-ci.yml@refs/heads/" + ref);
        c.put("ci_config_sha", "0000000000000000000000000000000000000000");
        return c;
    }

    private static String host(String issuer) {
        String s = issuer.replaceFirst("^https?://", "");
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
