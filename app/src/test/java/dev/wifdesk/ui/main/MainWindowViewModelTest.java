package dev.wifdesk.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionService;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.TestServices;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainWindowViewModelTest {
    private final TestServices t = new TestServices();

    private MainWindowViewModel connectWith(ConnectionService service) {
        MainWindowViewModel vm = OnCaller.call(() -> new MainWindowViewModel(service, t.state, UiExecutor.inline(), t.messages));
        assertThat(vm.targetTextProperty().get()).isEqualTo("Connecting…");
        OnCaller.run(vm::connect);
        return vm;
    }

    @Test
    void sandboxConnectionShowsTargetOperatorAndProjects() {
        MainWindowViewModel vm = connectWith(t.connectingTo(TestServices.sandboxConnection()));
        assertThat(vm.statusProperty().get()).isEqualTo(MainWindowViewModel.Status.CONNECTED);
        assertThat(vm.targetTextProperty().get()).isEqualTo("Sandbox — sandbox-project (428617359021)");
        assertThat(vm.operatorTextProperty().get()).isEqualTo("Operator: operator@wifdesk-sandbox.example");
        assertThat(vm.projectsTextProperty().get()).isEqualTo("Project");
        assertThat(vm.projects()).extracting(Connection.ProjectInfo::projectId).containsExactly("sandbox-project");
        assertThat(vm.chosenProjectProperty().get().projectId()).isEqualTo("sandbox-project");
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

    /** A service that starts on the sandbox and answers a switch with {@code onSwitch}. */
    private ConnectionService switching(Connection google, Exception googleFailure) {
        return new ConnectionService() {
            @Override
            public Connection connect() {
                return TestServices.sandboxConnection();
            }

            @Override
            public Connection connect(Connection.TargetKind kind) throws Exception {
                if (kind == Connection.TargetKind.SANDBOX) {
                    return TestServices.sandboxConnection();
                }
                if (googleFailure != null) {
                    throw googleFailure;
                }
                return google;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Counts cancelRunning() calls: a successful switch cancels the old target's tasks. */
    private static final class RecordingExecutor implements UiExecutor {
        int cancels;

        @Override
        public <T> Running run(dev.wifdesk.ui.core.Work<T> work) {
            return UiExecutor.inline().run(work);
        }


        @Override
        public void cancelRunning() {
            cancels++;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void switchingToGoogleCloudWithoutAdcShowsOneLineAndStaysOnTheSandbox() {
        RecordingExecutor executor = new RecordingExecutor();
        MainWindowViewModel vm = OnCaller.call(() -> new MainWindowViewModel(
                switching(null, new dev.wifdesk.ui.connection.NoCredentialsException()), t.state, executor, t.messages));
        OnCaller.run(vm::connect);
        Connection sandbox = t.state.current().orElseThrow();

        OnCaller.run(() -> vm.switchTo(Connection.TargetKind.GOOGLE_CLOUD));
        assertThat(vm.switchErrorProperty().get())
                .isEqualTo("No Application Default Credentials: run gcloud auth application-default login");
        assertThat(t.state.current()).containsSame(sandbox);
        assertThat(vm.statusProperty().get()).isEqualTo(MainWindowViewModel.Status.CONNECTED);
        assertThat(vm.targetKindProperty().get()).isEqualTo(Connection.TargetKind.SANDBOX);
        assertThat(vm.targetTextProperty().get()).isEqualTo("Sandbox — sandbox-project (428617359021)");
        assertThat(vm.switchingProperty().get()).isFalse();
        assertThat(executor.cancels).isZero();
    }

    @Test
    void aSuccessfulSwitchCancelsTheOldTargetsTasksAndPublishesTheNewConnection() {
        Connection gc = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@acme.iam.gserviceaccount.com",
                "ci@acme.iam.gserviceaccount.com", List.of(new Connection.ProjectInfo("acme-prod", "123456789012", "Acme")),
                Optional.empty());
        RecordingExecutor executor = new RecordingExecutor();
        MainWindowViewModel vm = OnCaller.call(() -> new MainWindowViewModel(switching(gc, null), t.state, executor, t.messages));
        OnCaller.run(vm::connect);

        OnCaller.run(() -> vm.switchTo(Connection.TargetKind.GOOGLE_CLOUD));
        assertThat(t.state.current()).containsSame(gc);
        assertThat(executor.cancels).isEqualTo(1);
        assertThat(vm.targetKindProperty().get()).isEqualTo(Connection.TargetKind.GOOGLE_CLOUD);
        assertThat(vm.targetTextProperty().get()).isEqualTo("Google Cloud — ci@acme.iam.gserviceaccount.com");
        assertThat(vm.projectsTextProperty().get()).isEqualTo("Project");
        assertThat(vm.chosenProjectProperty().get().projectId()).isEqualTo("acme-prod");

        // choosing the target already connected does nothing
        OnCaller.run(() -> vm.switchTo(Connection.TargetKind.GOOGLE_CLOUD));
        assertThat(executor.cancels).isEqualTo(1);
        OnCaller.run(() -> vm.switchTo(Connection.TargetKind.SANDBOX));
        assertThat(t.state.current().orElseThrow().target()).isEqualTo(Connection.TargetKind.SANDBOX);
        assertThat(executor.cancels).isEqualTo(2);
    }

    @Test
    void aFailedSwitchBeforeAnyConnectionSaysNotConnected() {
        MainWindowViewModel vm = OnCaller.call(() -> new MainWindowViewModel(
                switching(null, new java.io.IOException("sandbox did not start")), t.state, UiExecutor.inline(),
                t.messages));
        OnCaller.run(() -> vm.switchTo(Connection.TargetKind.GOOGLE_CLOUD));
        assertThat(vm.statusProperty().get()).isEqualTo(MainWindowViewModel.Status.FAILED);
        assertThat(vm.targetTextProperty().get()).isEqualTo("Not connected: sandbox did not start");
    }

    @Test
    void noTargetSwitchStartsWhileTheStartUpConnectRuns() {
        dev.wifdesk.ui.support.HoldingExecutor held = new dev.wifdesk.ui.support.HoldingExecutor();
        MainWindowViewModel vm = OnCaller.call(() -> new MainWindowViewModel(t.connectingTo(TestServices.sandboxConnection()),
                t.state, held, t.messages));
        OnCaller.run(() -> {
            vm.connect();
            vm.switchTo(Connection.TargetKind.GOOGLE_CLOUD);
        });
        // only the start-up connect: a switch racing it could leave the bar on the other target
        assertThat(held.heldWork).hasSize(1);
        assertThat(vm.switchingProperty().get()).isTrue();

        OnCaller.run(held::runAll);
        assertThat(vm.switchingProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo(MainWindowViewModel.Status.CONNECTED);
    }

    @Test
    void theChosenProjectGoesIntoTheSharedConnectionAndCancelsTheOldProjectsWork() {
        Connection.ProjectInfo prod = new Connection.ProjectInfo("acme-prod", "123456789012", "Acme");
        Connection.ProjectInfo staging = new Connection.ProjectInfo("acme-staging", "210987654321", "Acme staging");
        Connection gc = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@acme.iam.gserviceaccount.com",
                "ci@acme.iam.gserviceaccount.com", List.of(prod, staging), Optional.empty());
        RecordingExecutor executor = new RecordingExecutor();
        MainWindowViewModel vm = OnCaller.call(() -> new MainWindowViewModel(t.connectingTo(gc), t.state, executor, t.messages));
        OnCaller.run(vm::connect);
        // before any choice: the first visible project, as before
        assertThat(t.state.current().orElseThrow().project()).contains(prod);
        assertThat(vm.projects()).containsExactly(prod, staging);

        OnCaller.run(() -> vm.chooseProject(staging));

        Connection now = t.state.current().orElseThrow();
        assertThat(now.project()).contains(staging);
        assertThat(now.target()).isEqualTo(Connection.TargetKind.GOOGLE_CLOUD);
        assertThat(now).isNotEqualTo(gc);
        assertThat(vm.chosenProjectProperty().get()).isEqualTo(staging);
        assertThat(executor.cancels).isEqualTo(1);
        // the same choice again, or a project the connection cannot see, changes nothing
        OnCaller.run(() -> vm.chooseProject(staging));
        OnCaller.run(() -> vm.chooseProject(new Connection.ProjectInfo("other", "1", "Other")));
        assertThat(t.state.current()).containsSame(now);
        assertThat(executor.cancels).isEqualTo(1);
    }

    @Test
    void aDisposedBarNoLongerFollowsTheConnection() {
        MainWindowViewModel vm = connectWith(t.connectingTo(TestServices.sandboxConnection()));
        OnCaller.run(vm::dispose);
        OnCaller.run(() -> t.state.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "x", "x",
                List.of(), Optional.empty())));
        assertThat(vm.targetKindProperty().get()).isEqualTo(Connection.TargetKind.SANDBOX);
    }
}
