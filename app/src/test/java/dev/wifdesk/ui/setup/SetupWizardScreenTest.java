package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.support.Screenshots;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The wizard's real FXML clicked through on Monocle, over a double of the wizard's own port:
 * every step shows, Next follows validity, Review shows the plan and lint, Apply shows each step
 * done; a screenshot of each step goes to the screenshots folder.
 */
@ExtendWith(ApplicationExtension.class)
class SetupWizardScreenTest {
    private final FakeSetupService service = new FakeSetupService();
    private final ConnectionState connection = new ConnectionState();
    private final Navigator navigator = new Navigator();
    private final Messages messages = Messages.load(Locale.ROOT);
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        connection.connectionProperty().set(SetupWizardViewModelTest.sandbox());
        SetupWizardViewModel vm = SetupWizardViewModel.create(service, connection, navigator, UiExecutor.inline(),
                messages, new CelEngine());
        WizardScene.show(stage, vm, messages, new FxFileDialogs());
    }

    private boolean visible(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Node.class).isVisible();
    }

    private void next(FxRobot robot, SetupStep now) {
        assertThat(visible(robot, now.paneId())).as(now + " shown").isTrue();
        Screenshots.save(stage.getScene(), "setup_" + now.name().toLowerCase(Locale.ROOT));
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).as("Next on " + now).isFalse();
        robot.clickOn("#nextButton");
    }

    @Test
    void walkEveryStepReviewThePlanApplyIt(FxRobot robot) {
        assertThat(robot.lookup("#gitlabUrlField").queryAs(TextField.class).getText()).isEqualTo("http://127.0.0.1:8929");
        assertThat(robot.lookup("#tokenField").queryAs(PasswordField.class).isEditable()).isFalse();
        next(robot, SetupStep.CONNECT);
        assertThat(robot.lookup("#numberLabel").queryAs(Label.class).getText()).isEqualTo(FakeSetupService.NUMBER);
        next(robot, SetupStep.PROJECT);

        TextField poolId = robot.lookup("#poolIdField").queryAs(TextField.class);
        robot.interact(() -> poolId.setText("gcp-bad"));
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#problemsLabel").queryAs(Label.class).getText()).startsWith("gcp.pool.id:");
        robot.interact(() -> poolId.setText("gitlab-ci"));
        assertThat(robot.lookup("#problemsLabel").queryAs(Label.class).getText()).isEmpty();
        next(robot, SetupStep.POOL_PROVIDER);

        robot.clickOn("#envNameField").write("production");
        robot.clickOn("#envProtectedCheck");
        robot.clickOn("#addEnvButton");
        next(robot, SetupStep.ENVIRONMENTS);
        next(robot, SetupStep.ACCESS);
        assertThat(robot.lookup("#variablesTable").queryTableView().getItems()).hasSize(16) // 8 keys (with the Dataflow test launch) in scope * and production
                .extracting(v -> ((dev.wifdesk.model.SetupValues.Variable) v).key()).contains("DATAFLOW_TEMPLATE");
        next(robot, SetupStep.GITLAB);

        assertThat(visible(robot, SetupStep.REVIEW.paneId())).isTrue();
        assertThat(robot.lookup("#review-step-pool").tryQuery()).isPresent();
        assertThat(robot.lookup("#finding-BINDING_TOO_BROAD").tryQuery()).isPresent();
        assertThat(robot.lookup("#nextButton").queryButton().isVisible()).isFalse();
        assertThat(service.ran).isEmpty();
        Screenshots.save(stage.getScene(), "setup_review");
        dev.wifdesk.ui.support.Scroll.into(robot, "#applyButton");
        robot.clickOn("#applyButton");

        assertThat(visible(robot, SetupStep.APPLY.paneId())).isTrue();
        assertThat(service.ran).containsExactly("pool", "provider", "variables");
        assertThat(robot.lookup("#apply-line-variables").queryAs(Label.class).getText()).startsWith("done");
        assertThat(robot.lookup("#verifyButton").queryAs(Button.class).isDisabled()).isFalse();
        Screenshots.save(stage.getScene(), "setup_apply");
        dev.wifdesk.ui.support.Scroll.into(robot, "#verifyButton");
        robot.clickOn("#verifyButton");
        assertThat(navigator.current().get()).isEqualTo(View.VERIFY);
    }
}
