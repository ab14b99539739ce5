package dev.wifdesk.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.diagnostics.DiagnosisReport;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.TestServices;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import dev.wifdesk.ui.log.ActivityLogAppender;
import dev.wifdesk.ui.support.InMemoryProviders;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The shell as a person sees it: connection bar, and every section reachable from the navigation. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private final TestServices t = new TestServices();
    private Stage stage;

    private ActivityLogAppender appender;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        appender = ActivityLogAppender.install(t.log);
        InMemoryProviders providers = new InMemoryProviders().add(InMemoryProviders.gitlabProvider(
                "projects/428617359021/locations/global/workloadIdentityPools/gitlab/providers/gitlab-com",
                "https://gitlab.com", List.of("https://gitlab.com")));
        MainWindow.show(stage, t.build(t.connectingTo(TestServices.sandboxConnection()),
                r -> new DiagnosisReport(List.of(), List.of()), c -> {
                    listedFor.add(c);
                    return providers;
                }), true);
    }

    /** The connections the Diagnostics screen listed providers for. */
    private final List<dev.wifdesk.ui.connection.Connection> listedFor = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void closingTheWindowDisposesItsScreensSoTheyNoLongerFollowTheConnection(FxRobot robot) {
        // Diagnostics is the first screen: it listed the providers of the start-up connection
        assertThat(listedFor).hasSize(1);
        robot.interact(stage::hide);
        robot.interact(() -> t.state.connectionProperty().set(new dev.wifdesk.ui.connection.Connection(
                dev.wifdesk.ui.connection.Connection.TargetKind.GOOGLE_CLOUD, "ci@prod.example", "ci@prod.example",
                List.of(new dev.wifdesk.ui.connection.Connection.ProjectInfo("prod", "111111111111", "Prod")),
                java.util.Optional.empty())));
        assertThat(listedFor).as("a closed screen lists nothing for a later connection").hasSize(1);
    }

    @AfterEach
    void detachLog() {
        appender.uninstall();
    }

    @Test
    void connectionBarShowsTheSandboxTargetAndOperator(FxRobot robot) {
        assertThat(robot.lookup(".connection-target").queryAs(Label.class).getText())
                .isEqualTo("Sandbox — sandbox-project (428617359021)");
        assertThat(robot.lookup(".connection-operator").queryAs(Label.class).getText())
                .contains("operator@wifdesk-sandbox.example");
        assertThat(robot.lookup(".connection-projects").queryAs(Label.class).getText()).isEqualTo("Project");
        assertThat(robot.lookup("#projectCombo").<dev.wifdesk.ui.connection.Connection.ProjectInfo>queryComboBox()
                .getValue().describe()).isEqualTo("sandbox-project (428617359021)");
    }

    @Test
    void everySectionIsReachableFromTheNavigation(FxRobot robot) {
        List<String[]> sections = List.of(
                new String[] {View.SETUP_WIZARD.navId(), "#setupView", "setup"},
                new String[] {View.VERIFY.navId(), "#verifyView", "verify"},
                new String[] {View.ROTATION.navId(), "#rotationView", "rotation"},
                new String[] {View.KEYS.navId(), "#keysView", "keys"},
                new String[] {View.ACTIVITY_LOG.navId(), "#activityLogView", "activity_log"},
                new String[] {View.DIAGNOSTICS.navId(), "#diagnosticsView", "diagnostics_empty"});
        for (String[] s : sections) {
            robot.clickOn("#" + s[0]);
            Node view = robot.lookup(s[1]).query();
            assertThat(view).as(s[1]).isNotNull();
            assertThat(view.isVisible() && view.getScene() != null).as(s[1] + " shown").isTrue();
            assertThat(robot.lookup("#" + s[0]).queryAs(ToggleButton.class).isSelected()).isTrue();
            Path png = Screenshots.save(stage.getScene(), s[2]);
            assertThat(png).exists();
        }
        // the activity log shows what happened (connection, provider listing)
        robot.clickOn("#" + View.ACTIVITY_LOG.navId());
        assertThat(robot.lookup("#logTable").queryAs(TableView.class).getItems()).isNotEmpty();
        robot.clickOn("#copyLogButton");
        assertThat(t.clipboard).singleElement().asString().contains("Connected to SANDBOX");
        // the placeholders say what is coming, with the connected project
        robot.clickOn("#" + View.KEYS.navId());
        assertThat(robot.lookup(".coming-soon-text").queryAs(Label.class).getText()).contains("key");
        assertThat(robot.lookup(".coming-soon-scope").queryAs(Label.class).getText()).contains("sandbox-project");
    }

    @Test
    void theDarkToggleSwitchesTheTheme(FxRobot robot) {
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        robot.clickOn("#darkToggle");
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("theme-dark").doesNotContain("theme-light");
        assertThat(javafx.application.Application.getUserAgentStylesheet()).endsWith("primer-dark.bss");
        Screenshots.save(stage.getScene(), "diagnostics_dark");
        robot.clickOn("#darkToggle");
        assertThat(javafx.application.Application.getUserAgentStylesheet()).endsWith("primer-light.bss");
    }

    @Test
    void closingTheWindowStopsTheConnection(FxRobot robot) throws Exception {
        robot.interact(() -> stage.hide());
        assertThat(t.closedLatch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(t.closed).isTrue();
        // stopping the sandbox is I/O: the FX thread hands it off instead of waiting for it
        assertThat(t.closedOn).isNotEqualTo("JavaFX Application Thread");
    }
}
