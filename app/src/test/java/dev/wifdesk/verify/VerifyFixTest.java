package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupStepIds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.setup.SetupPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Apply fix" runs steps of the setup planner's own plan: the ids verify names exist there, and dependencies come along. */
class VerifyFixTest {
    @TempDir
    Path dir;
    private VerifySandbox sb;

    @BeforeEach
    void start() {
        sb = new VerifySandbox(dir);
    }

    @AfterEach
    void stop() {
        sb.close();
    }

    @Test
    void everyStepIdVerifyNamesIsAStepOfARealSetupPlan() throws Exception {
        FederationSpec spec = VerifySandbox.spec();
        SetupPlan setup = sb.plan(spec);
        SetupValues.Account main = setup.values().serviceAccounts().get(0);
        List<String> ids = setup.plan().steps().stream().map(Step::id).toList();
        assertThat(ids).contains(SetupStepIds.SERVICES, SetupStepIds.POOL, SetupStepIds.PROVIDER, SetupStepIds.PROJECT_ROLES,
                SetupStepIds.GITLAB_VARIABLES, SetupStepIds.CI_FILE, SetupStepIds.account(main), SetupStepIds.accountPolicy(main));
    }

    @Test
    void aFixPlanHoldsTheNamedStepsAndWhatTheyNeedInThePlansOrder() throws Exception {
        SetupPlan setup = sb.plan(VerifySandbox.spec());
        SetupValues.Account main = setup.values().serviceAccounts().get(0);
        Plan fix = VerifyFix.plan(setup, Set.of(SetupStepIds.accountPolicy(main), SetupStepIds.PROVIDER));
        assertThat(fix.steps()).extracting(Step::id).containsExactly(SetupStepIds.SERVICES, SetupStepIds.POOL,
                SetupStepIds.PROVIDER, SetupStepIds.account(main), SetupStepIds.accountPolicy(main));
        assertThat(VerifyFix.plan(setup, Set.of("no-such-step")).steps()).isEmpty();
    }
}
