package dev.wifdesk.ui.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.setup.SetupPlanner;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.Scroll;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.plan.setup.SetupSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A whole rotation clicked through the Rotation screen against the REAL in-process sandbox and the
 * real rotation engine: a setup applied by the setup engine, then prepare, switch and retire (grace
 * period 0), each planned, shown, confirmed and run, and the path each leaves live verified on the
 * screen (the pipelines read back from the sandbox's GitLab); the sandbox then has the old pool DELETED and
 * the variables on the new provider; with the clock 91 days on, the overview marks the new pool overdue.
 * And prepare, switch, rollback: every variable scope back on the old provider, proven by a pipeline.
 */
@ExtendWith(ApplicationExtension.class)
class SandboxRotationScreenTest {
    /** The setup fixture's spec with its production environment only, the verification job committed to main. */
    static final String SPEC = SetupSandbox.withCommittedJob(SetupSandbox.replaceOnce(SetupSandbox.SPEC, """
              - name: staging
                serviceAccount: { id: gitlab-dataflow-stg, create: true }
            """, ""));

    @TempDir
    Path dir;
    private final TestServices t = new TestServices();
    private final ShiftedClock clock = new ShiftedClock();
    private StartupConnectionService service;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        t.clock = clock;
        service = TestServices.embeddedSandbox();
        MainWindow.show(stage, t.buildLive(service), true);
    }

    @Stop
    void stop() {
        service.close();
    }

    private String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Plans the phase, checks its plan is shown, confirms it in the dialog and waits for its result: done and verified. */
    private void runPhase(FxRobot robot, String button, String phase, String screenshot) {
        planAndConfirm(robot, button, phase, screenshot);
        assertThat(text(robot, "#resultLabel")).as(phase).startsWith("Done:");
        Screenshots.save(stage.getScene(), "rotation_" + screenshot + "_done");
    }

    private void planAndConfirm(FxRobot robot, String button, String phase, String screenshot) {
        Scroll.click(robot, button);
        assertThat(text(robot, "#refusalLabel")).as(phase).isEmpty();
        assertThat(text(robot, "#reviewStatusLabel")).as(phase).startsWith(phase + " from gitlab-ci to gitlab-ci-");
        assertThat(robot.lookup("#planBox").queryAs(javafx.scene.layout.VBox.class).getChildren()).isNotEmpty();
        Screenshots.save(stage.getScene(), "rotation_" + screenshot + "_plan");
        Scroll.click(robot, "#runButton");
        assertThat(robot.lookup("#rotationConfirmDialog").tryQuery()).as("asked first").isPresent();
        robot.clickOn("#confirmRotationButton");
    }

    /** The checks the screen shows for the verification after the last phase, as "status layer name". */
    private java.util.List<String> checksShown(FxRobot robot) {
        return robot.lookup("#checksBox").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList();
    }

    /** After prepare: the new pool verified without a pipeline (preflight and a validate-only launch, all passed). */
    private void assertPrepareVerified(FxRobot robot) {
        assertThat(text(robot, "#resultLabel")).contains("The path now live is verified");
        assertThat(robot.lookup("#verificationBox").query().isVisible()).isTrue();
        assertThat(checksShown(robot)).isNotEmpty().noneMatch(l -> l.startsWith("fail"))
                .anyMatch(l -> l.startsWith("pass · Launch · templates-launch-validate"))
                .noneMatch(l -> l.contains("· Pipeline ·"));
        assertThat(robot.lookup("#pipelineField").query().isVisible()).as("prepare runs no pipeline").isFalse();
    }

    /**
     * After switch or rollback: the pipeline the screen shows passed, and it is a real pipeline of the
     * sandbox's GitLab (read back by id with gitlab4j), newer than {@code after}.
     */
    private long assertPipelineVerified(FxRobot robot, GitLabApi gitlab, SandboxGitLab s, long after) throws Exception {
        assertThat(text(robot, "#resultLabel")).contains("The path now live is verified");
        assertThat(checksShown(robot)).noneMatch(l -> l.startsWith("fail"))
                .anyMatch(l -> l.startsWith("pass · Pipeline · " + dev.wifdesk.verify.CheckNames.PIPELINE));
        String shown = robot.lookup("#pipelineField").queryTextInputControl().getText();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Pipeline #(\\d+): success — (\\S+)").matcher(shown);
        assertThat(m.matches()).as(shown).isTrue();
        long id = Long.parseLong(m.group(1));
        assertThat(id).isGreaterThan(after);
        org.gitlab4j.api.models.Pipeline inSandbox = gitlab.getPipelineApi().getPipeline(s.projectPath(), id);
        assertThat(inSandbox.getStatus().toValue()).isEqualTo("success");
        assertThat(inSandbox.getWebUrl()).isEqualTo(m.group(2));
        return id;
    }

    /** The current pool, made by the setup engine and audited where the screen dates pools from; its spec opened on the screen. */
    private TableView<PoolStatus> setUpAndOpen(FxRobot robot, Connection c, GitLabApi gitlab) throws Exception {
        GoogleClients google = c.clients().orElseThrow();
        FederationSpec spec = new SpecParser(new SpecValidator(new CelEngine())).parse("wifdesk.yaml", SPEC);
        PlanRun setup = PlanExecutor.run(new SetupPlanner(google, Optional.of(gitlab)).plan(spec).plan(),
                new ChangeContext(google, Optional.of(gitlab), new AuditedChanges(t.live.audit(), c.identity(), clock)));
        assertThat(setup.succeeded()).as("setup: %s", setup.failure()).isTrue();
        Path file = dir.resolve("wifdesk.yaml");
        Files.writeString(file, SPEC);

        robot.clickOn("#" + View.ROTATION.navId());
        robot.interact(() -> robot.lookup("#specPathField").queryAs(TextField.class).setText(file.toString()));
        Scroll.click(robot, "#openSpecButton");
        assertThat(text(robot, "#specStatusLabel")).isEqualTo("Spec loaded: pool gitlab-ci in project sandbox-project.");
        return robot.lookup("#poolTable").queryTableView();
    }

    @Test
    void rotateThroughTheScreenThenTheOverviewShowsAnOverduePool(FxRobot robot) throws Exception {
        Connection c = t.state.current().orElseThrow();
        GoogleClients google = c.clients().orElseThrow();
        SandboxGitLab sandboxGitLab = c.sandboxGitLab().orElseThrow();
        String number = c.project().orElseThrow().projectNumber();
        try (GitLabApi gitlab = new GitLabApi(sandboxGitLab.baseUrl().toString(), sandboxGitLab.token())) {
            TableView<PoolStatus> table = setUpAndOpen(robot, c, gitlab);
            assertThat(table.getItems()).extracting(PoolStatus::poolId).containsExactly("gitlab-ci");
            assertThat(table.getItems().get(0).pointedAtBy()).isNotEmpty();
            assertThat(text(robot, "#overviewStatusLabel")).isEqualTo("1 pool, 0 overdue (policy: rotate every 90 days).");
            Screenshots.save(stage.getScene(), "rotation_overview");

            // retire before the switch is refused with the engine's reason, nothing planned
            Scroll.click(robot, "#retireButton");
            assertThat(text(robot, "#refusalLabel")).startsWith("Retire cannot run now: no rotation from gitlab-ci");
            assertThat(robot.lookup("#runButton").queryButton().isDisabled()).isTrue();
            Screenshots.save(stage.getScene(), "rotation_refused");

            runPhase(robot, "#prepareButton", "Prepare", "prepare");
            assertPrepareVerified(robot);
            assertThat(table.getItems()).extracting(PoolStatus::poolId).hasSize(2);
            String newPool = table.getItems().stream().map(PoolStatus::poolId).filter(id -> !id.equals("gitlab-ci"))
                    .findFirst().orElseThrow();
            runPhase(robot, "#switchButton", "Switch", "switch");
            assertPipelineVerified(robot, gitlab, sandboxGitLab, 0);
            String newProvider = "//iam.googleapis.com/" + ResourceNames.providerName(number, newPool, "gitlab-sandbox");
            assertThat(variables(gitlab, sandboxGitLab)).as("the jobs point at the new provider").hasSizeGreaterThan(1)
                    .allMatch(newProvider::equals);

            // the default grace period refuses a retire right after the switch; 0 days lets it run
            assertThat(robot.lookup("#retireButton").queryButton().getText()).isEqualTo("Retire (grace period 7 days)");
            Scroll.click(robot, "#retireButton");
            assertThat(text(robot, "#refusalLabel")).startsWith("Retire cannot run now: the grace period runs until");
            robot.interact(() -> robot.lookup("#graceDaysField").queryAs(TextField.class).setText("0"));
            assertThat(robot.lookup("#retireButton").queryButton().getText()).isEqualTo("Retire (grace period 0 days)");
            runPhase(robot, "#retireButton", "Retire", "retire");
            assertThat(text(robot, "#resultLabel")).as("retire proves nothing new").doesNotContain("verified");
            assertThat(robot.lookup("#verificationBox").query().isVisible()).isFalse();

            var pools = google.iam().projects().locations().workloadIdentityPools();
            assertThat(pools.get(ResourceNames.poolName(number, "gitlab-ci")).execute().getState()).isEqualTo("DELETED");
            assertThat(pools.get(ResourceNames.poolName(number, newPool)).execute().getState()).isEqualTo("ACTIVE");
            PoolStatus old = table.getItems().stream().filter(p -> p.poolId().equals("gitlab-ci")).findFirst().orElseThrow();
            assertThat(old.state()).isEqualTo("DELETED");
            assertThat(old.purgeTime()).isPresent();
            PoolStatus current = table.getItems().stream().filter(p -> p.poolId().equals(newPool)).findFirst().orElseThrow();
            assertThat(current.pointedAtBy()).isNotEmpty();
            assertThat(current.overdue()).isFalse();
            assertThat(robot.lookup("." + RotationController.OVERDUE).tryQuery()).isEmpty();

            // a quarter and a day later the new pool is due: its row is highlighted
            clock.moveAhead(Duration.ofDays(91));
            Scroll.click(robot, "#refreshButton");
            assertThat(text(robot, "#overviewStatusLabel")).isEqualTo("2 pools, 1 overdue (policy: rotate every 90 days).");
            Node row = robot.lookup("#pool-row-" + newPool).query();
            assertThat(row.getStyleClass()).contains(RotationController.OVERDUE);
            assertThat(robot.lookup("#pool-row-gitlab-ci").query().getStyleClass()).doesNotContain(RotationController.OVERDUE);
            Screenshots.save(stage.getScene(), "rotation_overdue");
        }
    }

    @Test
    void rollbackThroughTheScreenPointsEveryScopeAtTheOldProviderAndAPipelineProvesIt(FxRobot robot) throws Exception {
        Connection c = t.state.current().orElseThrow();
        SandboxGitLab sandboxGitLab = c.sandboxGitLab().orElseThrow();
        String number = c.project().orElseThrow().projectNumber();
        try (GitLabApi gitlab = new GitLabApi(sandboxGitLab.baseUrl().toString(), sandboxGitLab.token())) {
            TableView<PoolStatus> table = setUpAndOpen(robot, c, gitlab);
            String oldProvider = "//iam.googleapis.com/" + ResourceNames.providerName(number, "gitlab-ci", "gitlab-sandbox");
            java.util.List<String> scopes = scopes(gitlab, sandboxGitLab);
            assertThat(scopes).as("a default and a per-environment scope").contains("*", "production");

            runPhase(robot, "#prepareButton", "Prepare", "rollback_prepare");
            assertPrepareVerified(robot);
            String newPool = table.getItems().stream().map(PoolStatus::poolId).filter(id -> !id.equals("gitlab-ci"))
                    .findFirst().orElseThrow();
            runPhase(robot, "#switchButton", "Switch", "rollback_switch");
            long switched = assertPipelineVerified(robot, gitlab, sandboxGitLab, 0);
            assertThat(variables(gitlab, sandboxGitLab)).as("switched").noneMatch(oldProvider::equals);

            runPhase(robot, "#rollbackButton", "Rollback", "rollback");
            assertThat(variables(gitlab, sandboxGitLab)).as("every scope on the old provider again")
                    .hasSize(scopes.size()).allMatch(oldProvider::equals);
            assertThat(scopes(gitlab, sandboxGitLab)).as("no scope lost or added").containsExactlyInAnyOrderElementsOf(scopes);
            long rolledBack = assertPipelineVerified(robot, gitlab, sandboxGitLab, switched);
            assertThat(rolledBack).as("a new pipeline, on the old path").isGreaterThan(switched);
            var pools = c.clients().orElseThrow().iam().projects().locations().workloadIdentityPools();
            assertThat(pools.get(ResourceNames.poolName(number, "gitlab-ci")).execute().getState()).isEqualTo("ACTIVE");
            assertThat(pools.get(ResourceNames.poolName(number, newPool)).execute().getState())
                    .as("the prepared pool stays for another switch").isEqualTo("ACTIVE");
            Screenshots.save(stage.getScene(), "rotation_rollback_verified");
        }
    }

    @Test
    void aSwitchWhosePipelineFailsIsShownAsAFailureWithTheCheckNotAsDone(FxRobot robot) throws Exception {
        Connection c = t.state.current().orElseThrow();
        SandboxGitLab sandboxGitLab = c.sandboxGitLab().orElseThrow();
        try (GitLabApi gitlab = new GitLabApi(sandboxGitLab.baseUrl().toString(), sandboxGitLab.token())) {
            setUpAndOpen(robot, c, gitlab);
            runPhase(robot, "#prepareButton", "Prepare", "failing_prepare");
            // someone hard-codes an audience no provider accepts: the switch's pipeline cannot pass
            String file = dev.wifdesk.plan.CiConfigFile.read(gitlab, sandboxGitLab.projectPath(), "main").orElseThrow();
            assertThat(file).contains("aud: $" + CiContract.ID_TOKEN_AUD);
            org.gitlab4j.api.models.RepositoryFile f = new org.gitlab4j.api.models.RepositoryFile();
            f.setFilePath(dev.wifdesk.plan.CiConfigFile.PATH);
            f.setContent(file.replace("aud: $" + CiContract.ID_TOKEN_AUD, "aud: https://not-a-provider.example"));
            gitlab.getRepositoryFileApi().updateFile(sandboxGitLab.projectPath(), f, "main", "a wrong audience");

            planAndConfirm(robot, "#switchButton", "Switch", "failing_switch");
            String result = text(robot, "#resultLabel");
            assertThat(result).doesNotStartWith("Done").startsWith("The phase ran (")
                    .contains("but the verification of the path now live failed: ");
            assertThat(checksShown(robot)).anyMatch(l -> l.startsWith("fail · Pipeline ·"));
            Node failed = robot.lookup("#checksBox").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                    .filter(n -> ((Label) n).getText().startsWith("fail")).findFirst().orElseThrow();
            assertThat(failed.getStyleClass()).contains("stage-fail");
            String shown = robot.lookup("#pipelineField").queryTextInputControl().getText();
            assertThat(shown).startsWith("Pipeline #").contains(": failed — ");
            long id = Long.parseLong(shown.substring("Pipeline #".length(), shown.indexOf(':')));
            assertThat(gitlab.getPipelineApi().getPipeline(sandboxGitLab.projectPath(), id).getStatus().toValue())
                    .isEqualTo("failed");
            Screenshots.save(stage.getScene(), "rotation_switch_verification_failed");
        }
    }

    private static java.util.List<String> scopes(GitLabApi gitlab, SandboxGitLab s) throws Exception {
        return gitlab.getProjectApi().getVariables(s.projectPath()).stream()
                .filter(v -> CiContract.PROVIDER.equals(v.getKey())).map(Variable::getEnvironmentScope).toList();
    }

    private static java.util.List<String> variables(GitLabApi gitlab, SandboxGitLab s) throws Exception {
        return gitlab.getProjectApi().getVariables(s.projectPath()).stream()
                .filter(v -> CiContract.PROVIDER.equals(v.getKey())).map(Variable::getValue).toList();
    }
}
