package dev.wifdesk.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.setup.SetupPlanner;
import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.UiServices;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.DaemonUiExecutor;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.Scroll;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.plan.setup.SetupSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gitlab4j.api.GitLabApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Verify screen in the app against the REAL in-process sandbox, on the app's background
 * executor (the FX thread never waits): a setup applied through the setup engine verifies with a
 * pipeline whose Dataflow job ends JOB_STATE_DONE, the checklist filling as checks end; with the
 * worker's role removed by hand the screen shows DATAFLOW_WORKER_ROLE_MISSING, and Apply fix repairs it.
 */
@ExtendWith(ApplicationExtension.class)
class SandboxVerifyScreenTest {
    /** The setup fixture's spec, project-wide (no environments), its verification job committed to main. */
    private static final String SPEC = SetupSandbox.withCommittedJob(SetupSandbox.withoutEnvironments(SetupSandbox.SPEC));

    private final TestServices t = new TestServices();
    private final DaemonUiExecutor executor = new DaemonUiExecutor();
    private StartupConnectionService service;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        t.clock = Clock.systemUTC();
        service = TestServices.embeddedSandbox();
        UiServices base = t.buildLive(service);
        MainWindow.show(stage, new UiServices(executor, base.connectionService(), base.connectionState(), base.navigator(),
                base.activityLog(), base.messages(), base.clipboard(), base.diagnosisService(),
                base.providerDirectories(), base.cel(), base.clock(), base.live()), true);
    }

    @Stop
    void stop() {
        executor.close();
        service.close();
    }

    /** The setup of the connected sandbox, applied as an operator would (audited elsewhere: no propagation wait). */
    private Path applySetup(Connection c, Path dir) throws Exception {
        SandboxGitLab g = c.sandboxGitLab().orElseThrow();
        assertThat(List.of(c.project().orElseThrow().projectId(), g.issuer(), g.projectPath()))
                .as("the embedded sandbox is the one the fixture's spec names")
                .containsExactly("sandbox-project", GitLabSandbox.ISSUER, GitLabSandbox.PROJECT_PATH);
        String yaml = SPEC;
        Path file = dir.resolve("verify-spec.yaml");
        Files.writeString(file, yaml);
        var spec = new SpecParser(new SpecValidator(new CelEngine())).parse("verify-spec.yaml", yaml);
        GoogleClients google = c.clients().orElseThrow();
        try (GitLabApi api = new GitLabApi(g.baseUrl().toString(), g.token())) {
            var plan = new SetupPlanner(google, Optional.of(api)).plan(spec).plan();
            PlanExecutor.run(plan, new ChangeContext(google, Optional.of(api), new AuditedChanges(
                    new AuditLog(dir.resolve("setup-audit.jsonl")), c.identity(), Clock.systemUTC()))).orThrow();
        }
        return file;
    }

    private void dropWorkerRole(Connection c) throws Exception {
        String project = c.project().orElseThrow().projectId();
        String member = "serviceAccount:gitlab-dataflow@" + project + ".iam.gserviceaccount.com";
        var crm = c.clients().orElseThrow().resourceManager().projects();
        var policy = crm.getIamPolicy("projects/" + project,
                new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
        policy.getBindings().stream().filter(b -> "roles/dataflow.worker".equals(b.getRole()))
                .forEach(b -> b.setMembers(new ArrayList<>(b.getMembers().stream().filter(m -> !m.equals(member)).toList())));
        policy.setBindings(new ArrayList<>(policy.getBindings().stream().filter(b -> !b.getMembers().isEmpty()).toList()));
        crm.setIamPolicy("projects/" + project, new SetIamPolicyRequest().setPolicy(policy)).execute();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void runAndWait(FxRobot robot, String mode, long seconds) throws Exception {
        robot.clickOn(mode);
        Scroll.into(robot, "#runButton");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> text(robot, "#resultLabel").startsWith("Verified")
                || text(robot, "#resultLabel").contains("failed") || text(robot, "#resultLabel").startsWith("Verification "));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCorrectSetupVerifiesWithAPipelineThenAMissingWorkerRoleIsFoundAndFixed(FxRobot robot,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> t.state.current().isPresent());
        Connection c = t.state.current().orElseThrow();
        Path spec = applySetup(c, dir);
        robot.clickOn("#" + View.VERIFY.navId());
        assertThat(text(robot, "#specLabel")).contains("none yet");
        robot.clickOn("#specFileField").write(spec.toString());
        robot.clickOn("#openSpecButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#specLabel").startsWith("Spec: verify-spec.yaml"));

        @SuppressWarnings("unchecked")
        TableView<VerifyViewModel.Row> table = robot.lookup("#checksTable").queryAs(TableView.class);
        List<Integer> sizes = new ArrayList<>();
        table.getItems().addListener((ListChangeListener<VerifyViewModel.Row>) ch -> sizes.add(table.getItems().size()));

        runAndWait(robot, "#modeRun", 120);
        assertThat(text(robot, "#resultLabel")).as("result; checks %s", table.getItems()).startsWith("Verified: all");
        assertThat(sizes).as("the checklist filled one check at a time").contains(1, 2, 3);
        assertThat(table.getItems()).extracting(VerifyViewModel.Row::layer).contains(
                dev.wifdesk.verify.Layer.PREFLIGHT, dev.wifdesk.verify.Layer.LAUNCH, dev.wifdesk.verify.Layer.PIPELINE);
        assertThat(table.getItems()).allSatisfy(r -> assertThat(r.status()).isIn("pass", "skipped"));
        assertThat(text(robot, "#jobIdLabel")).as("the Dataflow job id").isNotBlank();
        assertThat(text(robot, "#jobStateLabel")).isEqualTo("JOB_STATE_DONE");
        assertThat(robot.lookup("#consoleField").queryTextInputControl().getText())
                .startsWith("https://console.cloud.google.com/dataflow/jobs/europe-west1/" + text(robot, "#jobIdLabel"));
        assertThat(robot.lookup("#applyFixButton").queryButton().isDisabled()).isTrue();
        Screenshots.save(stage.getScene(), "verify_passed_run");

        dropWorkerRole(c);
        runAndWait(robot, "#modeValidate", 120);
        assertThat(text(robot, "#resultLabel")).contains("failed");
        assertThat(table.getItems()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo(dev.wifdesk.verify.CheckNames.WORKER_ROLE);
            assertThat(r.status()).isEqualTo("fail");
        });
        assertThat(robot.lookup("#finding-DATAFLOW_WORKER_ROLE_MISSING").tryQuery()).isPresent();
        Screenshots.save(stage.getScene(), "verify_failed_worker_role");

        Scroll.into(robot, "#applyFixButton");
        robot.clickOn("#applyFixButton");
        assertThat(robot.lookup("#verifyFixSteps").queryTextInputControl().getText()).contains("project-roles");
        robot.clickOn("#confirmFixButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> text(robot, "#resultLabel").startsWith("Verified"));
        assertThat(robot.lookup("#finding-DATAFLOW_WORKER_ROLE_MISSING").tryQuery()).isEmpty();
        assertThat(table.getItems()).allSatisfy(r -> assertThat(r.status()).isIn("pass", "skipped"));
        var policy = c.clients().orElseThrow().resourceManager().projects().getIamPolicy("projects/"
                + c.project().orElseThrow().projectId(), new GetIamPolicyRequest()).execute();
        assertThat(policy.getBindings()).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/dataflow.worker");
            assertThat(b.getMembers()).contains("serviceAccount:gitlab-dataflow@" + c.project().orElseThrow().projectId()
                    + ".iam.gserviceaccount.com");
        });
        Screenshots.save(stage.getScene(), "verify_fixed");
    }
}
