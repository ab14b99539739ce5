package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderChoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.support.AudienceOnlyEngine;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.ui.support.TestTokens;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Diagnostics screen clicked through, on doubles of the UI's own engine and provider interfaces. */
@ExtendWith(ApplicationExtension.class)
class DiagnosticsScreenTest {
    private final TestServices t = new TestServices();
    private final AudienceOnlyEngine engine = new AudienceOnlyEngine();
    private final InMemoryProviders providers = new InMemoryProviders().add(InMemoryProviders.gitlabProvider(
            DiagnosticsViewModelTest.PROVIDER, DiagnosticsViewModelTest.ISSUER, List.of("https://gitlab.com")));
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MainWindow.show(stage, t.build(t.connectingTo(TestServices.sandboxConnection()), engine, c -> providers), true);
    }

    @Test
    void pasteDiagnoseApplyFixAndRerun(FxRobot robot) {
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        ComboBox<?> combo = robot.lookup("#providerCombo").queryAs(ComboBox.class);
        assertThat(((ProviderChoice) combo.getValue()).name()).isEqualTo(DiagnosticsViewModelTest.PROVIDER);
        String token = new TestTokens().gitlabToken(DiagnosticsViewModelTest.ISSUER, "https://gitlab.con", TestServices.NOW);
        robot.interact(() -> robot.lookup("#tokenArea").queryAs(TextArea.class).setText(token));
        robot.clickOn("#diagnoseButton");

        assertThat(robot.lookup("#finding-AUDIENCE_TYPO").tryQuery()).isPresent();
        assertThat(robot.lookup("#stage-audience").queryAs(Node.class).getStyleClass()).contains("stage-fail");
        assertThat(robot.lookup("#verdictLabel").queryAs(Label.class).getText()).isEqualTo("Fail — 1 finding");
        Screenshots.save(stage.getScene(), "diagnostics_findings");

        robot.clickOn("#copyFix-AUDIENCE_TYPO");
        assertThat(t.clipboard).containsExactly("Add https://gitlab.con to the allowed audiences.");

        robot.clickOn("#applyFix-AUDIENCE_TYPO");
        Node dialog = robot.lookup("#confirmFixDialog").query();
        assertThat(robot.lookup("#changeBefore").queryAs(TextArea.class).getText()).isEqualTo("https://gitlab.com");
        assertThat(robot.lookup("#changeAfter").queryAs(TextArea.class).getText())
                .isEqualTo("https://gitlab.com\nhttps://gitlab.con");
        Screenshots.save(dialog.getScene(), "diagnostics_confirm_fix");
        robot.clickOn("#confirmApplyButton");

        assertThat(providers.applied).hasSize(1);
        assertThat(robot.lookup("#stage-audience").queryAs(Node.class).getStyleClass()).contains("stage-pass");
        assertThat(robot.lookup("#finding-AUDIENCE_TYPO").tryQuery()).isEmpty();
        assertThat(robot.lookup("#verdictLabel").queryAs(Label.class).getText()).isEqualTo("Pass — no findings");

        robot.interact(() -> robot.lookup("#resultTabs").queryAs(TabPane.class).getSelectionModel().select(1));
        TableView<?> claims = robot.lookup("#claimsTable").queryAs(TableView.class);
        assertThat(claims.getItems()).hasSizeGreaterThan(5);
        Screenshots.save(stage.getScene(), "diagnostics_claims");
    }

    @Test
    void cancellingTheConfirmationChangesNothing(FxRobot robot) {
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        String token = new TestTokens().gitlabToken(DiagnosticsViewModelTest.ISSUER, "https://gitlab.con", TestServices.NOW);
        robot.interact(() -> robot.lookup("#tokenArea").queryAs(TextArea.class).setText(token));
        robot.clickOn("#diagnoseButton");
        robot.clickOn("#applyFix-AUDIENCE_TYPO");
        robot.clickOn("#confirmCancelButton");
        assertThat(providers.applied).isEmpty();
        assertThat(engine.requests).hasSize(1);
        assertThat(Window.getWindows()).hasSize(1);
    }

    @Test
    void badInputShowsAnInlineMessageAndTheScreenStaysUsable(FxRobot robot) {
        robot.clickOn("#" + View.DIAGNOSTICS.navId());
        robot.clickOn("#diagnoseButton");
        Label message = robot.lookup("#inputMessageLabel").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("Paste a token, an error text, or both");

        // a 10 MB paste is refused by the text area's filter, with the field and the limit
        TextArea tokenArea = robot.lookup("#tokenArea").queryAs(TextArea.class);
        robot.interact(() -> tokenArea.replaceText(0, 0, "x".repeat(10 * 1024 * 1024)));
        assertThat(tokenArea.getText()).isEmpty();
        assertThat(message.getText()).startsWith("ID token: 10,485,760 characters is over the limit");

        // invalid provider JSON
        robot.clickOn("#jsonProviderRadio");
        robot.interact(() -> {
            tokenArea.setText("garbage");
            robot.lookup("#providerJsonArea").queryAs(TextArea.class).setText("{\"oidc\": {\"issuerUri\": ");
        });
        robot.clickOn("#diagnoseButton");
        assertThat(message.getText()).startsWith("Provider JSON: not valid JSON for a provider (line 1");
        Screenshots.save(stage.getScene(), "diagnostics_bad_input");
        assertThat(robot.lookup("#diagnoseButton").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(engine.requests).isEmpty();
    }
}
