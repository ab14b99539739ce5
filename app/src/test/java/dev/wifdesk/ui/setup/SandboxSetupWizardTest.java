package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.ui.EmbeddedSandboxLauncher;
import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.diagnostics.EngineDiagnosisService;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.Scroll;
import dev.wifdesk.ui.support.TestServices;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The whole wizard clicked through in the app against the REAL in-process sandbox and the real
 * setup engine: every step, Review's plan, Apply; the sandbox then holds the pool, provider,
 * service accounts, their bindings and the CI/CD variables; a second walk reviews "no changes".
 */
@ExtendWith(ApplicationExtension.class)
class SandboxSetupWizardTest {
    private final TestServices t = new TestServices();
    private StartupConnectionService service;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        t.clock = Clock.systemUTC();
        service = new StartupConnectionService(Optional::empty, new EmbeddedSandboxLauncher(SandboxOptions.defaults()),
                adc -> {
                    throw new AssertionError("no credentials exist in this test");
                });
        MainWindow.show(stage, t.build(service, new EngineDiagnosisService(new DiagnosisEngine()),
                c -> new IamProviderDirectory(c.clients().orElseThrow().iam())), true);
    }

    @Stop
    void stop() {
        service.close();
    }

    private void click(FxRobot robot, String query) {
        Scroll.into(robot, query);
        robot.clickOn(query);
    }

    private boolean shown(FxRobot robot, SetupStep step) {
        return robot.lookup("#" + step.paneId()).queryAs(Node.class).isVisible();
    }

    private String problems(FxRobot robot) {
        return robot.lookup("#problemsLabel").queryAs(Label.class).getText();
    }

    /** Next through the steps up to Review, checking each is shown and valid. */
    private void walkToReview(FxRobot robot, boolean screenshots) {
        for (SetupStep s : List.of(SetupStep.CONNECT, SetupStep.PROJECT, SetupStep.POOL_PROVIDER,
                SetupStep.ENVIRONMENTS, SetupStep.ACCESS, SetupStep.GITLAB)) {
            assertThat(shown(robot, s)).as(s + " shown").isTrue();
            if (s == SetupStep.ENVIRONMENTS && screenshots) {
                robot.clickOn("#envNameField").write("production");
                robot.clickOn("#envProtectedCheck");
                robot.clickOn("#addEnvButton");
            }
            assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).as("Next on %s: %s", s, problems(robot))
                    .isFalse();
            if (screenshots) {
                Screenshots.save(stage.getScene(), "setup_sandbox_" + s.name().toLowerCase(java.util.Locale.ROOT));
            }
            robot.clickOn("#nextButton");
        }
        assertThat(shown(robot, SetupStep.REVIEW)).isTrue();
    }

    @Test
    void walkTheWizardApplyThenASecondWalkShowsNoChanges(FxRobot robot) throws Exception {
        robot.clickOn("#" + View.SETUP_WIZARD.navId());
        Connection c = t.state.current().orElseThrow();
        GoogleClients google = c.clients().orElseThrow();
        SandboxGitLab sandboxGitLab = c.sandboxGitLab().orElseThrow();
        String project = c.project().orElseThrow().projectId();
        String number = c.project().orElseThrow().projectNumber();

        walkToReview(robot, true);
        String status = robot.lookup("#reviewStatusLabel").queryAs(Label.class).getText();
        assertThat(status).as("review: %s", problems(robot)).endsWith("changes planned.");
        assertThat(robot.lookup("#review-step-pool").tryQuery()).isPresent();
        assertThat(robot.lookup("#review-step-provider").tryQuery()).isPresent();
        Screenshots.save(stage.getScene(), "setup_sandbox_review");
        String poolName = ResourceNames.poolName(number, "gitlab-ci");
        assertThat(dev.wifdesk.plan.IamResources.poolAction(google, poolName))
                .as("nothing changes before Apply").isEqualTo(dev.wifdesk.plan.Action.CREATE);

        click(robot, "#applyButton");
        assertThat(shown(robot, SetupStep.APPLY)).isTrue();
        String result = robot.lookup("#resultLabel").queryAs(Label.class).getText();
        assertThat(result).startsWith("Done:");
        Screenshots.save(stage.getScene(), "setup_sandbox_apply");

        var pools = google.iam().projects().locations().workloadIdentityPools();
        assertThat(pools.get(poolName).execute().getState()).isEqualTo("ACTIVE");
        var provider = pools.providers().get(ResourceNames.providerName(number, "gitlab-ci", "gitlab")).execute();
        assertThat(provider.getOidc().getIssuerUri()).isEqualTo(sandboxGitLab.issuer());
        assertThat(provider.getAttributeCondition()).contains("assertion.namespace_path == \"acme\"");
        for (String sa : List.of("gitlab-dataflow", "gitlab-dataflow-production")) {
            String email = sa + "@" + project + ".iam.gserviceaccount.com";
            var policy = google.iam().projects().serviceAccounts()
                    .getIamPolicy("projects/" + project + "/serviceAccounts/" + email).execute();
            assertThat(policy.getBindings()).as(sa).extracting(Binding::getRole).contains("roles/iam.workloadIdentityUser");
        }
        try (GitLabApi gitlab = new GitLabApi(sandboxGitLab.baseUrl().toString(), sandboxGitLab.token())) {
            Map<String, String> vars = gitlab.getProjectApi().getVariables(sandboxGitLab.projectPath()).stream()
                    .collect(Collectors.toMap(v -> v.getKey() + "@" + v.getEnvironmentScope(), Variable::getValue,
                            (a, b) -> a));
            assertThat(vars).containsEntry("WIF_SERVICE_ACCOUNT@*", "gitlab-dataflow@" + project + ".iam.gserviceaccount.com")
                    .containsEntry("WIF_SERVICE_ACCOUNT@production",
                            "gitlab-dataflow-production@" + project + ".iam.gserviceaccount.com")
                    .containsKey("WIF_PROVIDER@*");
        }
        assertThat(robot.lookup("#verifyButton").queryButton().isDisabled()).isFalse();

        // a second walk from the start: the same state, nothing left to change
        while (!shown(robot, SetupStep.CONNECT)) {
            click(robot, "#backButton");
        }
        walkToReview(robot, false);
        assertThat(robot.lookup("#reviewStatusLabel").queryAs(Label.class).getText())
                .isEqualTo("No changes: everything is already as the spec says.");
        assertThat(robot.lookup("#applyButton").queryButton().isDisabled()).isTrue();
        Screenshots.save(stage.getScene(), "setup_sandbox_no_changes");
    }
}
