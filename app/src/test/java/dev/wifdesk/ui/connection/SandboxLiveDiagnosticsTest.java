package dev.wifdesk.ui.connection;

import dev.wifdesk.ui.EmbeddedSandboxLauncher;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.diagnostics.EngineDiagnosisService;
import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.ui.log.ActivityLogAppender;
import dev.wifdesk.ui.support.SandboxWif;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.Scroll;
import dev.wifdesk.ui.support.TestServices;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Diagnostics screen's live side, clicked through against the real in-process sandbox the
 * app starts: choose the service account and add the missing binding; the live exchange; the
 * latest failures of a pipeline that failed for real.
 */
@ExtendWith(ApplicationExtension.class)
class SandboxLiveDiagnosticsTest {
    private final TestServices t = new TestServices();
    private final List<Sandbox> started = new ArrayList<>();
    private Stage stage;
    private ActivityLogAppender appender;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        appender = ActivityLogAppender.install(t.log);
        t.clock = Clock.systemUTC();
        SandboxLauncher launcher = () -> {
            Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
            started.add(sandbox);
            return new EmbeddedSandboxLauncher.Running(sandbox);
        };
        MainWindow.show(stage, t.build(new StartupConnectionService(Optional::empty, launcher),
                new EngineDiagnosisService(new DiagnosisEngine()),
                c -> new IamProviderDirectory(c.clients().orElseThrow().iam())), true);
    }

    @Stop
    void stop() {
        appender.uninstall();
        started.forEach(Sandbox::close);
    }

    private SandboxWif wif() throws Exception {
        return new SandboxWif(started.get(0), t.state.current().orElseThrow().clients().orElseThrow())
                .createProvider(List.of(GitLabSandbox.ISSUER)).createServiceAccount();
    }

    /** Opens Diagnostics, refreshes the live lists, chooses the service account, pastes the token. */
    private void prepare(FxRobot robot, SandboxWif wif, String token) {
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        robot.clickOn("#refreshProvidersButton");
        robot.clickOn("#refreshServiceAccountsButton");
        ComboBox<String> accounts = robot.lookup("#serviceAccountCombo").queryComboBox();
        assertThat(accounts.getItems()).contains(wif.serviceAccount);
        robot.interact(() -> accounts.getSelectionModel().select(wif.serviceAccount));
        robot.interact(() -> robot.lookup("#tokenArea").queryAs(TextArea.class).setText(token));
    }

    private static boolean hasStyle(FxRobot robot, String query, String style) {
        return robot.lookup(query).queryAs(Node.class).getStyleClass().contains(style);
    }

    @Test
    void chooseTheServiceAccountAddTheMissingBindingAndTheBindingStagePasses(FxRobot robot) throws Exception {
        SandboxWif wif = wif();
        String token = wif.mintToken(GitLabSandbox.ISSUER);
        prepare(robot, wif, token);
        robot.clickOn("#diagnoseButton");

        assertThat(robot.lookup("#finding-BINDING_MISSING").tryQuery()).isPresent();
        assertThat(hasStyle(robot, "#stage-binding", "stage-fail")).isTrue();
        assertThat(hasStyle(robot, "#stage-pool", "stage-pass")).isTrue();
        assertThat(robot.lookup("#stage-token").lookup(".stage-detail").queryAs(Label.class).getText())
                .contains("signature verified");
        Screenshots.save(stage.getScene(), "sandbox_diagnostics_binding_missing");

        Scroll.click(robot, "#applyFix-BINDING_MISSING");
        String describe = "+ roles/iam.workloadIdentityUser " + wif.projectPathMember() + " on " + wif.saResource;
        assertThat(robot.lookup("#changeDescription").queryAs(TextArea.class).getText()).isEqualTo(describe);
        Screenshots.save(robot.lookup("#confirmBindingDialog").queryAs(Node.class).getScene(), "sandbox_diagnostics_confirm_binding");
        robot.clickOn("#confirmApplyButton");

        // read back through the real IAM client: the member was added and nothing else was lost
        List<Binding> bindings = wif.policy().getBindings();
        assertThat(bindings).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/iam.workloadIdentityUser");
            assertThat(b.getMembers()).containsExactly(wif.projectPathMember());
        });
        assertThat(bindings).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo(SandboxWif.EXISTING_ROLE);
            assertThat(b.getMembers()).isEqualTo(SandboxWif.EXISTING_MEMBERS);
        });
        assertThat(hasStyle(robot, "#stage-binding", "stage-pass")).isTrue();
        assertThat(robot.lookup("#finding-BINDING_MISSING").tryQuery()).isEmpty();
        Screenshots.save(stage.getScene(), "sandbox_diagnostics_binding_added");

        List<AuditEntry> audit = t.live.audit().read();
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("add IAM binding");
            assertThat(e.resource()).isEqualTo(wif.saResource);
            assertThat(e.result()).isEqualTo("ok");
            assertThat(e.detail()).isEqualTo(describe);
            assertThat(e.actor()).isEqualTo("operator@wifdesk-sandbox.example");
        });
        assertThat(Files.readString(t.live.audit().file())).doesNotContain(token.substring(10, 40));
        assertThat(t.log.asText()).contains(describe).doesNotContain(token.substring(10, 40));
        assertNoTokenOutsideTheInput(stage.getScene(), token);
    }

    @Test
    void liveExchangeShowsTheStsStepAndTextThenSucceedsAfterTheFixes(FxRobot robot) throws Exception {
        SandboxWif wif = wif();
        String typo = GitLabSandbox.ISSUER + "/";
        String token = wif.mintToken(typo);
        prepare(robot, wif, token);

        robot.clickOn("#liveExchangeButton");
        assertThat(robot.lookup("#exchangeConfirmText").queryAs(Label.class).getText())
                .startsWith("This sends the token to the sandbox STS (audience //iam.googleapis.com/" + wif.providerName + ")");
        Screenshots.save(robot.lookup("#confirmExchangeDialog").queryAs(Node.class).getScene(), "sandbox_exchange_confirm");
        robot.clickOn("#confirmExchangeButton");

        Label result = robot.lookup("#exchangeResultLabel").queryAs(Label.class);
        assertThat(result.getText()).startsWith("Failed at step 1, STS token exchange (HTTP 400): ")
                .contains(ErrorTexts.audienceMismatch(typo));
        assertThat(result.getStyleClass()).contains("exchange-failed");
        assertThat(robot.lookup("#errorArea").queryAs(TextArea.class).getText()).contains(ErrorTexts.audienceMismatch(typo));
        assertThat(robot.lookup("#finding-AUDIENCE_TYPO").tryQuery()).isPresent();
        assertThat(hasStyle(robot, "#stage-audience", "stage-fail")).isTrue();
        Screenshots.save(stage.getScene(), "sandbox_exchange_sts_failed");

        Scroll.click(robot, "#applyFix-AUDIENCE_TYPO");
        robot.clickOn("#confirmApplyButton");
        Scroll.click(robot, "#applyFix-BINDING_MISSING");
        robot.clickOn("#confirmApplyButton");
        assertThat(hasStyle(robot, "#stage-audience", "stage-pass")).isTrue();

        Scroll.into(robot, "#liveExchangeButton");
        robot.clickOn("#liveExchangeButton");
        robot.clickOn("#confirmExchangeButton");
        assertThat(result.getText()).startsWith("Exchange succeeded: STS and IAM Credentials accepted; the access token for "
                + wif.serviceAccount + " expires at ");
        assertThat(result.getStyleClass()).contains("exchange-ok");
        assertThat(robot.lookup("#verdictLabel").queryAs(Label.class).getText()).startsWith("Pass");
        Screenshots.save(stage.getScene(), "sandbox_exchange_succeeded");
        assertThat(t.log.asText()).contains("Live exchange succeeded").doesNotContain(token.substring(10, 40));
        assertThat(t.live.audit().read()).hasSize(2);
        assertNoTokenOutsideTheInput(stage.getScene(), token);
    }

    @Test
    void latestFailuresListsTheJobThatFailedForRealAndShowsItsDiagnosis(FxRobot robot) throws Exception {
        SandboxWif wif = wif();
        String wrong = GitLabSandbox.ISSUER + "/wrong";
        Job job;
        try (GitLabApi gitlab = wif.gitlab()) {
            wif.setCiVariables(gitlab);
            job = wif.failingPipeline(gitlab, wrong);
        }
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        robot.clickOn("#refreshProvidersButton");
        robot.clickOn("#refreshServiceAccountsButton");
        assertThat(robot.lookup("#gitlabProjectField").queryAs(TextField.class).getText()).isEqualTo(GitLabSandbox.PROJECT_PATH);
        Scroll.click(robot, "#latestFailuresButton");

        ListView<?> jobs = robot.lookup("#failuresList").queryListView();
        assertThat(jobs.getItems()).hasSize(1);
        Scroll.click(robot, "#job-" + job.getId());
        assertThat(robot.lookup("#job-" + job.getId()).lookup(".job-label").queryAs(Labeled.class).getText())
                .contains("#" + job.getId()).contains(ErrorTexts.audienceMismatch(wrong));
        assertThat(robot.lookup("#verdictLabel").queryAs(Label.class).getText()).startsWith("Job #" + job.getId() + ": fail");
        assertThat(robot.lookup(".finding-card").<Node>queryAll()).extracting(Node::getId).anyMatch(id -> id.startsWith("finding-AUDIENCE_"));
        assertThat(hasStyle(robot, "#stage-error-text", "stage-fail")).isTrue();
        Screenshots.save(stage.getScene(), "sandbox_latest_failures");
    }

    /** No text on screen holds the token (or a long piece of it), except the token input itself. */
    private static void assertNoTokenOutsideTheInput(Scene scene, String token) {
        String piece = token.substring(10, 40);
        List<String> texts = new ArrayList<>();
        collect(scene.getRoot(), texts);
        assertThat(texts).noneMatch(s -> s.contains(piece));
    }

    private static void collect(Node node, List<String> out) {
        if ("tokenArea".equals(node.getId())) {
            return;
        }
        if (node instanceof TextInputControl c && c.getText() != null) {
            out.add(c.getText());
        } else if (node instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, out));
        }
    }
}
