package dev.wifdesk.diagnose;

import java.util.Map;
import java.util.Set;

/** The claims GitLab CI ID tokens carry (WIF-FACTS.md), to tell a mappable claim from one copied from another CI. */
final class GitLabClaims {
    static final Set<String> ALL = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "namespace_id", "namespace_path",
            "project_id", "project_path", "user_id", "user_login", "user_email", "user_access_level", "pipeline_id",
            "pipeline_source", "job_id", "ref", "ref_type", "ref_path", "ref_protected", "environment",
            "environment_protected", "deployment_tier", "environment_action", "runner_id", "runner_environment", "sha",
            "ci_config_ref_uri", "ci_config_sha", "project_visibility", "job_project_id", "job_project_path",
            "job_namespace_id", "job_namespace_path");

    private GitLabClaims() {
    }

    static boolean isClaim(String name, Map<String, Object> tokenClaims) {
        return ALL.contains(name) || tokenClaims.containsKey(name);
    }
}
