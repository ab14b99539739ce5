package dev.wifdesk.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.plan.demo.DemoSetup;
import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.ui.log.ActivityLogAppender;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.Scroll;
import dev.wifdesk.ui.support.TestServices;
import java.time.Clock;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * A new engineer's first minutes, clicked through against the REAL in-process sandbox the app
 * starts (no Application Default Credentials here; the probe is injected, ~/.config/gcloud is never
 * read): create the demo federation from its plan, mint sample tokens, diagnose; try Google Cloud.
 */
@ExtendWith(ApplicationExtension.class)
class SandboxDemoFlowTest {
    private final TestServices t = new TestServices();
    private StartupConnectionService service;
    private Stage stage;
    private ActivityLogAppender appender;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        appender = ActivityLogAppender.install(t.log);
        t.clock = Clock.systemUTC();
        service = TestServices.embeddedSandbox();
        MainWindow.show(stage, t.buildLive(service), true);
    }

    @Stop
    void stop() {
        appender.uninstall();
        service.close();
    }

    private static boolean hasStyle(FxRobot robot, String query, String style) {
        return robot.lookup(query).queryAs(Node.class).getStyleClass().contains(style);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void createTheDemoFederationFromItsPlanThenMainPassesAndDevelopIsRejected(FxRobot robot) {
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        assertThat(robot.lookup("#demoBox").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#sampleTokenRow").queryAs(Node.class).isVisible()).isTrue();
        Screenshots.save(stage.getScene(), "sandbox_demo_offer");

        Scroll.click(robot, "#demoButton");
        String plan = robot.lookup("#demoPlanText").queryAs(TextArea.class).getText();
        assertThat(plan).contains("workloadIdentityPools/gitlab-ci/providers/gitlab-sandbox", DemoSetup.CONDITION,
                "Service account (create): projects/sandbox-project/serviceAccounts/gitlab-dataflow@sandbox-project.iam.gserviceaccount.com",
                "WIF_SERVICE_ACCOUNT = gitlab-dataflow@sandbox-project.iam.gserviceaccount.com",
                "Verification job wif-verify committed to main");
        Screenshots.save(robot.lookup("#demoPlanDialog").queryAs(Node.class).getScene(), "sandbox_demo_plan");
        robot.clickOn("#confirmDemoButton");

        assertThat(text(robot, "#demoStatusLabel")).startsWith("Demo federation ready: 7 created or updated");
        ComboBox<ProviderChoice> providers = robot.lookup("#providerCombo").queryComboBox();
        assertThat(providers.getItems()).extracting(ProviderChoice::label).containsExactly("gitlab-ci / gitlab-sandbox");
        assertThat(providers.getValue()).isNotNull();
        ComboBox<String> accounts = robot.lookup("#serviceAccountCombo").queryComboBox();
        assertThat(accounts.getItems()).contains("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");
        assertThat(accounts.getValue()).isEqualTo("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");
        assertThat(t.live.audit().read()).hasSize(14);

        ComboBox<String> ref = robot.lookup("#sampleRefCombo").queryComboBox();
        assertThat(ref.getValue()).isEqualTo("main");
        Scroll.click(robot, "#mintTokenButton");
        String main = robot.lookup("#tokenArea").queryAs(TextArea.class).getText();
        assertThat(main).isNotBlank();
        Scroll.click(robot, "#diagnoseButton");
        assertThat(text(robot, "#verdictLabel")).startsWith("Pass");
        assertThat(hasStyle(robot, "#stage-binding", "stage-pass")).isTrue();
        Screenshots.save(stage.getScene(), "sandbox_demo_main_pass");

        robot.interact(() -> ref.setValue("develop"));
        Scroll.click(robot, "#mintTokenButton");
        assertThat(robot.lookup("#tokenArea").queryAs(TextArea.class).getText()).isNotEqualTo(main);
        Scroll.click(robot, "#diagnoseButton");
        assertThat(text(robot, "#verdictLabel")).startsWith("Fail");
        assertThat(robot.lookup("#finding-CONDITION_REJECTED").tryQuery()).isPresent();
        Screenshots.save(stage.getScene(), "sandbox_demo_develop_rejected");
        assertThat(t.log.asText()).contains("Minted a sample ID token").doesNotContain(main.substring(10, 40));
    }

    @Test
    void switchingToGoogleCloudWithoutAdcSaysSoAndTheSandboxStaysUsable(FxRobot robot) {
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        MenuButton menu = robot.lookup("#targetMenu").queryAs(MenuButton.class);
        RadioMenuItem sandboxItem = (RadioMenuItem) menu.getItems().stream()
                .filter(i -> "targetSandboxItem".equals(i.getId())).findFirst().orElseThrow();
        assertThat(sandboxItem.isSelected()).isTrue();

        robot.clickOn("#targetMenu");
        Screenshots.save(robot.lookup(".context-menu").queryAs(Node.class).getScene(), "connection_target_menu");
        robot.clickOn("Google Cloud (Application Default Credentials)");

        assertThat(text(robot, "#switchErrorLabel"))
                .isEqualTo("No Application Default Credentials: run gcloud auth application-default login");
        assertThat(text(robot, "#targetLabel")).isEqualTo("Sandbox — sandbox-project (428617359021)");
        assertThat(sandboxItem.isSelected()).isTrue();
        Screenshots.save(stage.getScene(), "connection_switch_no_adc");

        // still on the sandbox, which still answers: the demo offer from the bar's menu works
        robot.clickOn("#targetMenu");
        robot.clickOn("Create a demo federation in the sandbox…");
        assertThat(robot.lookup("#demoPlanText").tryQuery()).isPresent();
        robot.clickOn("#confirmDemoButton");
        assertThat(robot.lookup("#providerCombo").<ProviderChoice>queryComboBox().getItems()).hasSize(1);
    }
}
