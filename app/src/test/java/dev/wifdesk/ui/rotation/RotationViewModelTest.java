package dev.wifdesk.ui.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.RotationPlan.Phase;
import dev.wifdesk.ui.common.StepLines.Line;
import dev.wifdesk.ui.common.StepLines.Status;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.verify.CheckNames;
import dev.wifdesk.verify.CheckResult;
import dev.wifdesk.verify.Layer;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.PipelineRun;
import dev.wifdesk.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Rotation screen's view model over a double of its port, with the inline executor (no toolkit). */
class RotationViewModelTest {
    static final String SPEC = """
            gcp:
              project: sandbox-project
              pool: { id: gitlab-ci, displayName: GitLab CI }
              provider:
                id: gitlab-sandbox
                issuer: https://gitlab.example.com
                audiences: [https://gitlab.example.com]
                attributeMapping:
                  google.subject: assertion.sub
                  attribute.project_path: assertion.project_path
                attributeCondition: assertion.namespace_path == "acme"
              serviceAccount: { id: gitlab-dataflow, create: true }
              grant: [attribute.project_path/acme/pipelines]
              projectRoles: [roles/dataflow.developer]
            gitlab:
              url: https://gitlab.example.com
              project: acme/pipelines
              ref: main
            dataflow:
              region: europe-west1
              template: gs://dataflow-templates-europe-west1/latest/Word_Count
              parameters: { inputFile: gs://dataflow-samples/shakespeare/kinglear.txt, output: gs://acme-tmp/out }
              tempLocation: gs://acme-tmp/tmp
            """;

    @TempDir
    Path dir;
    private final FakeRotationService service = new FakeRotationService();
    private final ConnectionState connection = new ConnectionState();
    private final dev.wifdesk.ui.setup.SetupWizardState wizard = new dev.wifdesk.ui.setup.SetupWizardState();
    private final Messages messages = TestServices.messages();
    private UiExecutor executor = UiExecutor.inline();
    private RotationViewModel vm;

    @BeforeEach
    void setUp() {
        connection.connectionProperty().set(TestServices.sandboxConnection());
        vm = model();
    }

    private RotationViewModel model() {
        return new RotationViewModel(service, wizard, connection, new SpecParser(new SpecValidator(new CelEngine())), executor,
                messages, Clock.fixed(TestServices.NOW, ZoneOffset.UTC));
    }

    private void open() throws Exception {
        Path spec = dir.resolve("wifdesk.yaml");
        Files.writeString(spec, SPEC);
        vm.specPathProperty().set(spec.toString());
        vm.openSpec();
    }

    @Test
    void openingTheSpecShowsTheOverviewWithTheOverduePool() throws Exception {
        open();
        assertThat(vm.specStatusProperty().get()).isEqualTo("Spec loaded: pool gitlab-ci in project sandbox-project.");
        assertThat(vm.pools()).extracting(PoolStatus::poolId).containsExactly("gitlab-ci", "gitlab-ci-2026q4");
        assertThat(vm.overdue()).extracting(PoolStatus::poolId).containsExactly("gitlab-ci");
        assertThat(vm.overviewStatusProperty().get()).isEqualTo("2 pools, 1 overdue (policy: rotate every 90 days).");
        assertThat(vm.age(vm.pools().get(0))).isEqualTo("147 days");
        assertThat(vm.age(vm.pools().get(1))).isEqualTo("unknown");

        // a longer policy: nothing is overdue any more
        vm.policyDaysProperty().set("180");
        vm.refresh();
        assertThat(service.policies).containsExactly(Duration.ofDays(90), Duration.ofDays(180));
        assertThat(vm.overdue()).isEmpty();
    }

    @Test
    void badSpecsAndBadDaysNameTheFieldAndTheRule() throws Exception {
        vm.openSpec();
        assertThat(vm.specStatusProperty().get()).startsWith("Spec file: give the path");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, SPEC.replace("id: gitlab-ci,", "id: GitLab_CI,"));
        vm.specPathProperty().set(bad.toString());
        vm.openSpec();
        assertThat(vm.specStatusProperty().get()).startsWith("The spec is not valid:").contains("gcp.pool.id");
        assertThat(vm.specProperty().get()).isNull();
        vm.plan(Phase.PREPARE);
        assertThat(vm.refusalProperty().get()).isEqualTo("Open the spec of the pool to rotate first.");
        assertThat(service.planned).isEmpty();

        open();
        vm.graceDaysProperty().set("-1");
        vm.plan(Phase.RETIRE);
        assertThat(vm.refusalProperty().get()).isEqualTo("Grace period (days): '-1' is not a whole number of 0 or more.");
        vm.policyDaysProperty().set("soon");
        vm.refresh();
        assertThat(vm.refusalProperty().get()).isEqualTo("Policy (days): 'soon' is not a whole number of 1 or more.");
        assertThat(service.planned).isEmpty();
        assertThat(service.policies).hasSize(1);
    }

    @Test
    void aPhaseIsPlannedFirstAndRunsOnlyWhenAsked() throws Exception {
        open();
        vm.copyUnmanagedProperty().set(true);
        vm.plan(Phase.PREPARE);
        assertThat(service.planned).containsExactly(Phase.PREPARE);
        assertThat(service.options.get(0).copyUnmanagedBindings()).isTrue();
        assertThat(vm.reviewStatusProperty().get()).isEqualTo("Prepare from gitlab-ci to gitlab-ci-2026q4: 3 changes planned.");
        assertThat(vm.reviewProperty().get().findings()).hasSize(1);
        assertThat(service.ran).as("planning changes nothing").isEmpty();
        assertThat(vm.canRun()).isTrue();

        vm.runReviewed();
        assertThat(service.ran).containsExactly("pool", "provider", "marker");
        assertThat(vm.run().lines()).extracting(Line::status).containsOnly(Status.DONE);
        assertThat(service.verified).as("the path prepare left live is verified").containsExactly(Phase.PREPARE);
        assertThat(vm.run().resultProperty().get())
                .isEqualTo("Done: 3 changed, 0 already so. The path now live is verified: 2 checks, none failed.");
        assertThat(vm.run().checks()).extracting(c -> c.name()).containsExactly("provider", "templates-launch-validate");
        assertThat(vm.run().pipelineProperty().get()).as("prepare runs no pipeline").isEmpty();
        assertThat(vm.run().progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.reviewProperty().get()).as("what ran is no longer the plan").isNull();
        assertThat(service.policies).as("the overview is read again").hasSize(2);
        vm.runReviewed();
        assertThat(service.ran).as("nothing runs twice without a new plan").hasSize(3);
    }

    @Test
    void retireInsideTheGracePeriodIsRefusedWithTheEnginesMessage() throws Exception {
        open();
        assertThat(vm.retireLabel().get()).isEqualTo("Retire (grace period 7 days)");
        vm.plan(Phase.RETIRE);
        assertThat(vm.refusalProperty().get()).startsWith("Retire cannot run now: the grace period runs until "
                + "2026-12-02T10:00:00Z (7 days");
        assertThat(vm.reviewProperty().get()).isNull();

        vm.graceDaysProperty().set("0");
        assertThat(vm.retireLabel().get()).isEqualTo("Retire (grace period 0 days)");
        vm.plan(Phase.RETIRE);
        assertThat(service.options.get(1).grace()).isEqualTo(Duration.ZERO);
        assertThat(vm.refusalProperty().get()).isEmpty();
        assertThat(vm.reviewProperty().get().phase()).isEqualTo(Phase.RETIRE);
    }

    @Test
    void aFailedStepStopsThePhaseAndSkipsTheRest() throws Exception {
        open();
        service.failing = "provider";
        vm.plan(Phase.SWITCH);
        vm.runReviewed();
        assertThat(vm.run().lines()).extracting(Line::status).containsExactly(Status.DONE, Status.FAILED, Status.SKIPPED);
        assertThat(vm.run().lines().get(1).detail()).contains("409 ALREADY_EXISTS");
        assertThat(vm.run().resultProperty().get()).startsWith("The phase stopped:").contains("old path keeps working");
        assertThat(service.verified).as("a phase that stopped is not verified").isEmpty();
        assertThat(vm.run().verifiedProperty().get()).isNull();
    }

    @Test
    void switchShowsThePipelineItsVerificationRan() throws Exception {
        open();
        vm.plan(Phase.SWITCH);
        vm.runReviewed();
        assertThat(service.verified).containsExactly(Phase.SWITCH);
        assertThat(vm.run().resultProperty().get()).startsWith("Done: 3 changed").contains("3 checks, none failed");
        assertThat(vm.run().pipelineProperty().get())
                .isEqualTo("Pipeline #41: success — https://gitlab.example.com/acme/pipelines/-/pipelines/41");
        assertThat(vm.run().runningProperty().get()).isFalse();
    }

    @Test
    void aFailedVerificationIsAFailureWithTheChecksExplanationNotDone() throws Exception {
        open();
        service.verification = phase -> Optional.of(new VerifyReport(LaunchMode.RUN, List.of(
                CheckResult.pass(Layer.PREFLIGHT, CheckNames.PROVIDER, "ACTIVE"),
                CheckResult.fail(Layer.PIPELINE, CheckNames.CI_JOB, "job verify-wif failed: STS refused the token",
                        List.of(), "", List.of())), Optional.empty(), false,
                Optional.of(new PipelineRun(42, "failed", "https://gitlab.example.com/acme/pipelines/-/pipelines/42"))));
        vm.plan(Phase.SWITCH);
        vm.runReviewed();
        String result = vm.run().resultProperty().get();
        assertThat(result).doesNotStartWith("Done").startsWith("The phase ran (3 changed, 0 already so), but the "
                + "verification of the path now live failed: ci-job: job verify-wif failed: STS refused the token.");
        assertThat(vm.run().checks()).extracting(c -> c.status().wireName()).containsExactly("pass", "fail");
        assertThat(vm.run().pipelineProperty().get()).startsWith("Pipeline #42: failed");
    }

    @Test
    void aVerificationThatCannotRunIsShownAsNotVerified() throws Exception {
        open();
        service.verification = phase -> {
            throw new IllegalStateException("401 Unauthorized");
        };
        vm.plan(Phase.ROLLBACK);
        vm.runReviewed();
        assertThat(vm.run().resultProperty().get()).doesNotStartWith("Done")
                .startsWith("The phase ran (3 changed, 0 already so), but it could not be verified:").contains("401");
        assertThat(vm.run().runningProperty().get()).isFalse();
    }

    @Test
    void retireHasNothingToVerify() throws Exception {
        open();
        vm.graceDaysProperty().set("0");
        vm.plan(Phase.RETIRE);
        vm.runReviewed();
        assertThat(service.verified).as("retire proves nothing new").isEmpty();
        assertThat(vm.run().resultProperty().get()).isEqualTo("Done: 3 changed, 0 already so.");
        assertThat(vm.run().verifiedProperty().get()).isNull();
        assertThat(vm.run().checks()).isEmpty();
    }

    @Test
    void aCancelStopsBetweenSteps() throws Exception {
        open();
        vm.plan(Phase.PREPARE);
        service.afterStep = id -> executor.close(); // the inline executor's cancel: raised between steps
        vm.runReviewed();
        assertThat(service.ran).containsExactly("pool");
        assertThat(vm.run().lines()).extracting(Line::status).containsExactly(Status.DONE, Status.SKIPPED, Status.SKIPPED);
        assertThat(vm.run().resultProperty().get()).isEqualTo("Cancelled after 1 of 3 steps; apply again to complete.");
    }

    @Test
    void outsideTheSandboxTheTypedTokenReachesTheSpecsGitLab() throws Exception {
        open();
        assertThat(vm.tokenNeededProperty().get()).isTrue();
        vm.plan(Phase.PREPARE);
        assertThat(service.gitlabSeen.get(0)).as("no token, no GitLab").isEmpty();
        vm.gitlabTokenProperty().set("glpat-secret");
        vm.plan(Phase.SWITCH);
        var access = service.gitlabSeen.get(1).orElseThrow();
        assertThat(access.url()).isEqualTo("https://gitlab.example.com");
        assertThat(access.token()).isEqualTo("glpat-secret");
        assertThat(access.toString()).doesNotContain("glpat-secret");
    }

    @Test
    void theWizardsSpecAndGitLabAreUsedOnceItNamesAProject() throws Exception {
        vm.useWizardSpec();
        assertThat(vm.specStatusProperty().get()).startsWith("The Setup wizard has no spec yet");
        assertThat(vm.specProperty().get()).isNull();
        wizard.setSpec(new SpecParser(new SpecValidator(new CelEngine())).parse("wizard.yaml", SPEC));
        wizard.setGitlab(new dev.wifdesk.ui.setup.GitLabAccess("https://gitlab.wizard.example", "glpat-wizard"));
        vm.useWizardSpec();
        assertThat(vm.specStatusProperty().get()).isEqualTo("The Setup wizard's spec: pool gitlab-ci in project sandbox-project.");
        assertThat(vm.pools()).hasSize(2);
        vm.plan(Phase.PREPARE);
        assertThat(service.gitlabSeen.get(0).orElseThrow().url()).isEqualTo("https://gitlab.wizard.example");
    }

    @Test
    void anotherConnectionDropsWhatWasReadAndPlanned() throws Exception {
        open();
        vm.plan(Phase.PREPARE);
        connection.connectionProperty().set(TestServices.sandboxConnection().withProject(
                TestServices.sandboxConnection().projects().get(0)));
        assertThat(vm.pools()).isEmpty();
        assertThat(vm.reviewProperty().get()).isNull();
    }
}
