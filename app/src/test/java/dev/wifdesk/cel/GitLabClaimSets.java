package dev.wifdesk.cel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Realistic GitLab CI ID token claim sets (WIF-FACTS.md: every boolean is a STRING). */
final class GitLabClaimSets {
    private GitLabClaimSets() {
    }

    /** A branch pipeline on a protected branch of acme/pipelines, job without an environment. */
    static Map<String, Object> protectedBranch() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", "https://gitlab.com");
        c.put("sub", "project_path:acme/pipelines:ref_type:branch:ref:main");
        c.put("aud", "https://gitlab.com");
        c.put("exp", 1764003600);
        c.put("nbf", 1764000000);
        c.put("iat", 1764000000);
        c.put("jti", "0b9f4d1e-7e0a-4a53-9c1e-2f5d8e0a1b2c");
        c.put("namespace_id", "1001");
        c.put("namespace_path", "acme");
        c.put("project_id", "4242");
        c.put("project_path", "acme/pipelines");
        c.put("user_id", "77");
        c.put("user_login", "dana");
        c.put("user_email", "dana@acme.example");
        c.put("user_access_level", "maintainer");
        c.put("pipeline_id", "90001");
        c.put("pipeline_source", "push");
        c.put("job_id", "123456");
        c.put("ref", "main");
        c.put("ref_type", "branch");
        c.put("ref_path", "refs/heads/main");
        c.put("ref_protected", "true");
        c.put("runner_id", 5);
        c.put("runner_environment", "gitlab-hosted");
        c.put("sha", "4c1f6a2b9d0e8f7a6b5c4d3e2f1a0b9c8d7e6f5a");
        c.put("ci_config_ref_uri", "gitlab.com/acme/pipelines//.gitlab-ci.yml@refs/heads/main");
        c.put("ci_config_sha", "4c1f6a2b9d0e8f7a6b5c4d3e2f1a0b9c8d7e6f5a");
        c.put("project_visibility", "private");
        return c;
    }

    /** The same job on an unprotected feature branch. */
    static Map<String, Object> unprotectedBranch() {
        Map<String, Object> c = protectedBranch();
        c.put("sub", "project_path:acme/pipelines:ref_type:branch:ref:feature/x");
        c.put("ref", "feature/x");
        c.put("ref_path", "refs/heads/feature/x");
        c.put("ref_protected", "false");
        return c;
    }

    /** A deploy job: the environment claims exist only here. */
    static Map<String, Object> productionDeploy() {
        Map<String, Object> c = protectedBranch();
        c.put("environment", "production");
        c.put("environment_protected", "true");
        c.put("deployment_tier", "production");
        c.put("environment_action", "start");
        return c;
    }

    /** A project deep in subgroups with a long branch name: the default sub is far over 127 bytes. */
    static Map<String, Object> deepGroupLongBranch() {
        Map<String, Object> c = protectedBranch();
        String path = "acme/platform-engineering/data-infrastructure/batch-processing/dataflow-pipelines";
        String ref = "feature/JIRA-12345-migrate-the-nightly-aggregation-job-to-keyless-federation";
        c.put("project_path", path);
        c.put("namespace_path", "acme/platform-engineering/data-infrastructure/batch-processing");
        c.put("ref", ref);
        c.put("sub", "project_path:" + path + ":ref_type:branch:ref:" + ref);
        return c;
    }
}
