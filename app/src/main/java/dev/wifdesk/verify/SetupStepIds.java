package dev.wifdesk.verify;

import dev.wifdesk.model.SetupValues;

/**
 * The ids of the setup planner's steps that repair what a check found ("Apply fix" re-plans the
 * spec and runs these). They mirror plan/setup's step ids; {@code VerifyFixTest} fails when one
 * names no step of a real plan.
 */
final class SetupStepIds {
    static final String SERVICES = "services";
    static final String POOL = "pool";
    static final String PROVIDER = "provider";
    static final String PROJECT_ROLES = "project-roles";
    static final String GITLAB_VARIABLES = "gitlab-variables";
    /** The verification job in .gitlab-ci.yml (planned unless the spec says verificationJob: none). */
    static final String CI_FILE = "gitlab-ci-file";

    private SetupStepIds() {
    }

    static String account(SetupValues.Account a) {
        return "service-account:" + a.id();
    }

    static String accountPolicy(SetupValues.Account a) {
        return "service-account-iam:" + a.id();
    }
}
