package dev.wifdesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.FederationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A setup applied by the real planner passes preflight and the validate-only launch, through the real clients. */
class VerifyCorrectSetupTest {
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
    void aFreshProjectFailsPreflightWithTheStepsOfTheSetup() {
        VerifyReport report = sb.verify(VerifySandbox.spec(), LaunchMode.NONE);
        assertThat(report.passed()).isFalse();
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.POOL).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.SERVICE_ACCOUNTS).orElseThrow().detail())
                .contains("missing: gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");
        assertThat(VerifyFix.stepIds(report)).contains("pool", "provider", "service-account:gitlab-dataflow");
    }

    @Test
    void aCorrectSetupPassesPreflightAndTheValidateOnlyLaunch() throws Exception {
        FederationSpec spec = VerifySandbox.spec();
        sb.apply(spec);
        List<String> events = new ArrayList<>();
        VerifyReport report = sb.verifier().verify(spec, LaunchMode.VALIDATE, new VerifyListener() {
            @Override
            public void started(Layer layer, String check) {
                events.add("start " + check);
            }

            @Override
            public void finished(CheckResult result) {
                events.add(result.status() + " " + result.name());
            }
        }, () -> false);

        assertThat(report.failed()).as(VerifyText.write(report)).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.verdict()).isEqualTo("pass");
        // permissions first: Dataflow's worker role is the first permission check
        List<String> names = report.checks().stream().map(CheckResult::name).toList();
        assertThat(names).containsSubsequence(CheckNames.APIS, CheckNames.SERVICE_ACCOUNTS, CheckNames.WORKER_ROLE,
                CheckNames.LAUNCH_PERMISSION, CheckNames.ACT_AS, CheckNames.IMPERSONATION, CheckNames.POOL,
                CheckNames.PROVIDER, CheckNames.ISSUER_KEYS, CheckNames.TOKEN_ADMITTED, CheckNames.OTHER_NAMESPACE_REJECTED,
                CheckNames.UNPROTECTED_REF_REJECTED, CheckNames.GITLAB_VARIABLES, CheckNames.CI_CONFIG,
                CheckNames.LAUNCH_VALIDATE);
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.WORKER_ROLE).orElseThrow().detail())
                .contains("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com holds roles/dataflow.worker");
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.ISSUER_KEYS).orElseThrow().detail()).contains("key");
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.OTHER_NAMESPACE_REJECTED).orElseThrow().detail())
                .contains("is refused");
        assertThat(report.check(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE).orElseThrow().detail())
                .contains("validateOnly launch of gs://dataflow-templates-europe-west1/latest/Word_Count in europe-west1 accepted");
        assertThat(events).contains("start " + CheckNames.WORKER_ROLE, "PASS " + CheckNames.LAUNCH_VALIDATE);
        assertThat(events.indexOf("start " + CheckNames.WORKER_ROLE)).isLessThan(events.indexOf("PASS " + CheckNames.WORKER_ROLE));
    }

    @Test
    void environmentsWithTheirOwnAccountsPassAndEachAccountIsJudgedWithItsEnvironmentsToken() throws Exception {
        FederationSpec spec = VerifySandbox.spec(VerifySandbox.SPEC.replace("gitlab:\n", """
                environments:
                  - name: production
                    serviceAccount: { id: gitlab-dataflow-prod, create: true }
                    protectedOnly: true
                  - name: staging
                    serviceAccount: { id: gitlab-dataflow-stg, create: true }
                gitlab:
                """));
        sb.apply(spec);
        VerifyReport report = sb.verify(spec, LaunchMode.VALIDATE);
        assertThat(report.failed()).as(VerifyText.write(report)).isEmpty();
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.IMPERSONATION).orElseThrow().detail())
                .contains("gitlab-dataflow-prod@sandbox-project.iam.gserviceaccount.com: yes", "in environment production",
                        "gitlab-dataflow-stg@sandbox-project.iam.gserviceaccount.com: yes", "in environment staging");
        assertThat(report.check(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE).orElseThrow().detail())
                .contains("gitlab-dataflow-prod@sandbox-project.iam.gserviceaccount.com: validateOnly launch",
                        "gitlab-dataflow-stg@sandbox-project.iam.gserviceaccount.com: validateOnly launch");
    }
}
