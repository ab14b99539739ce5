package dev.wifdesk.ui.setup;

import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Theme;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.core.ViewLoader;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Test support: the wizard's real FXML over a given view model and file dialogs, shown on {@code stage}. */
final class WizardScene {
    private WizardScene() {
    }

    static void show(Stage stage, SetupWizardViewModel vm, Messages messages, FileDialogs dialogs) {
        Map<Class<?>, Supplier<Object>> controllers = Map.of(
                SetupWizardController.class, () -> new SetupWizardController(vm, messages, dialogs),
                ConnectStepController.class, ConnectStepController::new,
                ProjectStepController.class, ProjectStepController::new,
                PoolProviderStepController.class, () -> new PoolProviderStepController(messages),
                EnvironmentsStepController.class, () -> new EnvironmentsStepController(messages),
                AccessStepController.class, AccessStepController::new,
                GitLabStepController.class, () -> new GitLabStepController(messages),
                ReviewStepController.class, () -> new ReviewStepController(messages),
                ApplyStepController.class, () -> new ApplyStepController(messages));
        Theme.useBase(false);
        ViewLoader loader = new ViewLoader(messages.bundle(), type -> controllers.get(type).get());
        Scene scene = new Scene(loader.load(View.SETUP_WIZARD).root(), MainWindow.WIDTH - 200, MainWindow.HEIGHT);
        Theme.apply(scene, false);
        stage.setScene(scene);
        stage.show();
    }
}
