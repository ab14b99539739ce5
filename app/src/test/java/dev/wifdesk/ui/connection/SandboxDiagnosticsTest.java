package dev.wifdesk.ui.connection;

import dev.wifdesk.ui.EmbeddedSandboxLauncher;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.sandbox.gitlab.IdTokenRequest;
import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.diagnostics.EngineDiagnosisService;
import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.ui.log.ActivityLogAppender;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.TestServices;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The app with no Google credentials: it starts the real in-process sandbox, lists the seeded
 * project with the real Resource Manager client, and the Diagnostics screen runs the real engine
 * on a sandbox-minted token, then patches the provider through the real IAM client.
 */
@ExtendWith(ApplicationExtension.class)
class SandboxDiagnosticsTest {
    private static final String POOL_ID = "gitlab-ci";
    private static final String PROVIDER_ID = "gitlab-sandbox";

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
        ConnectionService connection = new StartupConnectionService(Optional::empty, launcher);
        MainWindow.show(stage, t.build(connection, new EngineDiagnosisService(new DiagnosisEngine()),
                c -> new IamProviderDirectory(c.clients().orElseThrow().iam())), true);
    }

    @Stop
    void stop() {
        appender.uninstall();
        // closing the window stops the sandbox (asserted below); this is the safety net
        started.forEach(Sandbox::close);
    }

    @Test
    void connectsToTheSandboxAndListsTheSeededProject(FxRobot robot) {
        assertThat(robot.lookup(".connection-target").queryAs(Label.class).getText())
                .isEqualTo("Sandbox — sandbox-project (428617359021)");
        assertThat(robot.lookup(".connection-operator").queryAs(Label.class).getText())
                .isEqualTo("Operator: operator@wifdesk-sandbox.example");
        assertThat(robot.lookup(".connection-projects").queryAs(Label.class).getText()).isEqualTo("Project");
        assertThat(robot.lookup("#projectCombo").<Connection.ProjectInfo>queryComboBox().getValue().projectId())
                .isEqualTo("sandbox-project");
        Connection c = t.state.current().orElseThrow();
        assertThat(c.target()).isEqualTo(Connection.TargetKind.SANDBOX);
        assertThat(c.projects()).containsExactly(
                new Connection.ProjectInfo("sandbox-project", "428617359021", c.projects().get(0).displayName()));
        Screenshots.save(stage.getScene(), "sandbox_connected");
    }

    @Test
    void diagnoseAnAudienceTypoApplyTheFixAndTheAudienceStagePasses(FxRobot robot) throws Exception {
        Iam iam = t.state.current().orElseThrow().clients().orElseThrow().iam();
        String providerName = createProvider(iam, List.of(GitLabSandbox.ISSUER));
        Sandbox sandbox = started.get(0);
        String token = sandbox.gitlab().mintIdToken(IdTokenRequest.forAudience(GitLabSandbox.ISSUER + "/"));

        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        robot.clickOn("#refreshProvidersButton");
        ComboBox<?> combo = robot.lookup("#providerCombo").queryAs(ComboBox.class);
        assertThat(combo.getItems()).hasSize(1);
        assertThat(combo.getValue()).hasToString(POOL_ID + " / " + PROVIDER_ID);
        robot.interact(() -> robot.lookup("#tokenArea").queryAs(TextArea.class).setText(token));
        robot.clickOn("#diagnoseButton");

        assertThat(robot.lookup("#finding-AUDIENCE_TYPO").tryQuery()).isPresent();
        assertThat(robot.lookup("#stage-audience").queryAs(Node.class).getStyleClass()).contains("stage-fail");
        Label fix = robot.lookup("#finding-AUDIENCE_TYPO").lookup(".finding-fix").queryAs(Label.class);
        assertThat(fix.getText()).contains(GitLabSandbox.ISSUER);
        Screenshots.save(stage.getScene(), "sandbox_diagnostics_audience_typo");

        // the AUDIENCE_TYPO card is the last one: scroll the results to the bottom to reach its button
        robot.interact(() -> robot.lookup(".results-scroll").queryAs(ScrollPane.class).setVvalue(1.0));
        robot.clickOn("#applyFix-AUDIENCE_TYPO");
        assertThat(robot.lookup("#changeAfter").queryAs(TextArea.class).getText())
                .isEqualTo(GitLabSandbox.ISSUER + "\n" + GitLabSandbox.ISSUER + "/");
        robot.clickOn("#confirmApplyButton");

        // the sandbox holds the patched provider, read back through the real IAM client
        WorkloadIdentityPoolProvider after = iam.projects().locations().workloadIdentityPools().providers()
                .get(providerName).execute();
        assertThat(after.getOidc().getAllowedAudiences()).containsExactly(GitLabSandbox.ISSUER, GitLabSandbox.ISSUER + "/");
        assertThat(robot.lookup("#stage-audience").queryAs(Node.class).getStyleClass()).contains("stage-pass");
        assertThat(robot.lookup("#finding-AUDIENCE_TYPO").tryQuery()).isEmpty();
        Screenshots.save(stage.getScene(), "sandbox_diagnostics_after_fix");

        // the activity log tells what happened; the token never reached it
        assertThat(t.log.asText()).contains("Patched " + providerName).doesNotContain(token.substring(20, 60));
        robot.clickOn("#" + View.ACTIVITY_LOG.navId());
        Screenshots.save(stage.getScene(), "sandbox_activity_log");

        robot.interact(() -> stage.hide());
        assertThat(started).hasSize(1);
        assertThat(sandboxIsDown(iam, providerName)).isTrue();
    }

    private static boolean sandboxIsDown(Iam iam, String providerName) {
        try {
            iam.projects().locations().workloadIdentityPools().providers().get(providerName).execute();
            return false;
        } catch (IOException expected) {
            return true;
        }
    }

    private static String createProvider(Iam iam, List<String> audiences) throws IOException {
        var pools = iam.projects().locations().workloadIdentityPools();
        String parent = "projects/sandbox-project/locations/global";
        waitFor(iam, pools.create(parent, new WorkloadIdentityPool().setDisplayName("GitLab CI"))
                .setWorkloadIdentityPoolId(POOL_ID).execute());
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("google.subject", "assertion.sub");
        mapping.put("attribute.project_path", "assertion.project_path");
        mapping.put("attribute.ref", "assertion.ref");
        WorkloadIdentityPoolProvider provider = new WorkloadIdentityPoolProvider().setDisplayName("Sandbox GitLab")
                .setOidc(new Oidc().setIssuerUri(GitLabSandbox.ISSUER).setAllowedAudiences(new ArrayList<>(audiences)))
                .setAttributeMapping(mapping)
                .setAttributeCondition("assertion.namespace_path == \"acme\"");
        waitFor(iam, pools.providers().create(ResourceNames.poolName("sandbox-project", POOL_ID), provider)
                .setWorkloadIdentityPoolProviderId(PROVIDER_ID).execute());
        return ResourceNames.providerName("428617359021", POOL_ID, PROVIDER_ID);
    }

    /** Polls a long-running operation (the sandbox runs them with no delay by default), bounded. */
    private static void waitFor(Iam iam, Operation op) throws IOException {
        for (int i = 0; i < 100 && !Boolean.TRUE.equals(op.getDone()); i++) {
            op = iam.projects().locations().workloadIdentityPools().operations().get(op.getName()).execute();
        }
        assertThat(op.getDone()).isTrue();
        assertThat(op.getError()).isNull();
    }
}
