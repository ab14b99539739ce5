package dev.wifdesk.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.diagnostics.DiagnosisReport;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.TestServices;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The bar's project chooser as a person uses it: pick the second visible project, every screen follows. */
@ExtendWith(ApplicationExtension.class)
class ProjectChooserTest {
    static final Connection.ProjectInfo PROD = new Connection.ProjectInfo("acme-prod", "123456789012", "Acme");
    static final Connection.ProjectInfo STAGING = new Connection.ProjectInfo("acme-staging", "210987654321", "Staging");

    private final TestServices t = new TestServices();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Connection gc = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@acme.iam.gserviceaccount.com",
                "ci@acme.iam.gserviceaccount.com", List.of(PROD, STAGING), Optional.empty());
        MainWindow.show(stage, t.build(t.connectingTo(gc), r -> new DiagnosisReport(List.of(), List.of()),
                c -> new InMemoryProviders()), true);
    }

    @Test
    void choosingTheSecondProjectMovesEveryScreenToIt(FxRobot robot) {
        robot.clickOn("#" + View.KEYS.navId());
        assertThat(robot.lookup(".coming-soon-scope").queryAs(Label.class).getText()).contains("acme-prod (123456789012)");
        ComboBox<Connection.ProjectInfo> chooser = robot.lookup("#projectCombo").queryComboBox();
        assertThat(chooser.getItems()).containsExactly(PROD, STAGING);
        assertThat(chooser.getValue()).isEqualTo(PROD);

        robot.clickOn("#projectCombo");
        robot.clickOn("acme-staging (210987654321)");

        assertThat(chooser.getValue()).isEqualTo(STAGING);
        assertThat(t.state.current().orElseThrow().project()).contains(STAGING);
        assertThat(robot.lookup(".coming-soon-scope").queryAs(Label.class).getText())
                .contains("acme-staging (210987654321)");
        robot.clickOn("#" + View.KEYS.navId());
        assertThat(robot.lookup(".coming-soon-scope").queryAs(Label.class).getText())
                .contains("acme-staging (210987654321)");
        Screenshots.save(stage.getScene(), "connection_project_chooser");
    }
}
