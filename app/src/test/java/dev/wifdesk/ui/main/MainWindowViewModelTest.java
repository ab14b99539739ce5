package dev.wifdesk.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionService;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.Fx;
import dev.wifdesk.ui.support.TestServices;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainWindowViewModelTest {
    private final TestServices t = new TestServices();

    private MainWindowViewModel connectWith(ConnectionService service) {
        MainWindowViewModel vm = Fx.call(() -> new MainWindowViewModel(service, t.state, UiExecutor.synchronous(), t.messages));
        assertThat(vm.targetTextProperty().get()).isEqualTo("Connecting…");
        Fx.run(vm::connect);
        return vm;
    }

    @Test
    void sandboxConnectionShowsTargetOperatorAndProjects() {
        MainWindowViewModel vm = connectWith(t.connectingTo(TestServices.sandboxConnection()));
        assertThat(vm.statusProperty().get()).isEqualTo(MainWindowViewModel.Status.CONNECTED);
        assertThat(vm.targetTextProperty().get()).isEqualTo("Sandbox — sandbox-project (428617359021)");
        assertThat(vm.operatorTextProperty().get()).isEqualTo("Operator: operator@wifdesk-sandbox.example");
        assertThat(vm.projectsTextProperty().get()).isEqualTo("Projects: sandbox-project");
        assertThat(t.state.current()).isPresent();
        assertThat(vm.targetKindProperty().get()).isEqualTo(Connection.TargetKind.SANDBOX);
    }

    @Test
    void googleCloudConnectionShowsTheAdcIdentity() {
        Connection gc = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "wifdesk@acme.iam.gserviceaccount.com",
                "wifdesk@acme.iam.gserviceaccount.com", List.of(), Optional.empty());
        MainWindowViewModel vm = connectWith(t.connectingTo(gc));
        assertThat(vm.targetTextProperty().get()).isEqualTo("Google Cloud — wifdesk@acme.iam.gserviceaccount.com");
        assertThat(vm.projectsTextProperty().get()).isEqualTo("No projects visible");
    }

    @Test
    void aFailedConnectionSaysSoInOneLine() {
        MainWindowViewModel vm = connectWith(new ConnectionService() {
            @Override
            public Connection connect() throws Exception {
                throw new java.io.IOException("sandbox did not start: port in use\n\tat x.Y(Z.java:1)");
            }

            @Override
            public void close() {
            }
        });
        assertThat(vm.statusProperty().get()).isEqualTo(MainWindowViewModel.Status.FAILED);
        assertThat(vm.targetTextProperty().get()).isEqualTo("Not connected: sandbox did not start: port in use");
        assertThat(t.state.current()).isEmpty();
    }
}
