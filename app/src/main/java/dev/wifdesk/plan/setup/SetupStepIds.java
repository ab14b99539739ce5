package dev.wifdesk.plan.setup;

import dev.wifdesk.model.SetupValues;

/**
 * The ids of the setup planner's steps (CLI.md's {@code steps[].id}): verification's "Apply fix"
 * and rotation pick steps of a setup plan by them.
 */
public final class SetupStepIds {
    public static final String SERVICES = "services";
    public static final String POOL = "pool";
    public static final String PROVIDER = "provider";
    public static final String PROJECT_ROLES = "project-roles";
    public static final String GITLAB_VARIABLES = "gitlab-variables";
    /** The verification job in .gitlab-ci.yml (planned unless the spec says verificationJob: none). */
    public static final String CI_FILE = "gitlab-ci-file";

    private SetupStepIds() {
    }

    public static String account(SetupValues.Account a) {
        return "service-account:" + a.id();
    }

    public static String accountPolicy(SetupValues.Account a) {
        return "service-account-iam:" + a.id();
    }
}
