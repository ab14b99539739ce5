package dev.wifdesk.ui.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.AudienceOnlyEngine;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A closed Diagnostics screen stops following the app's connection (no toolkit needed). */
class DiagnosticsDisposeTest {
    private final TestServices t = new TestServices();
    private final List<Connection> listedFor = new ArrayList<>();
    private final InMemoryProviders providers = new InMemoryProviders().add(InMemoryProviders.gitlabProvider(
            CancelledTasksTest.PROVIDER, "https://gitlab.com", List.of("https://gitlab.com")));

    private DiagnosticsViewModel viewModel() {
        return new DiagnosticsViewModel(new AudienceOnlyEngine(), c -> {
            listedFor.add(c);
            return providers;
        }, t.state, UiExecutor.inline(), t.messages, s -> { }, new ClaimsTable(new CelEngine()), t.clock, t.live,
                TestServices.bindingPlanner());
    }

    @Test
    void whileOpenASwitchResetsAndRelists() {
        DiagnosticsViewModel vm = viewModel();
        t.state.connectionProperty().set(TestServices.sandboxConnection());
        vm.serviceAccountProperty().set("typed@sandbox-project.iam.gserviceaccount.com");
        t.state.connectionProperty().set(cloud());
        assertThat(listedFor).hasSize(2);
        assertThat(vm.serviceAccountProperty().get()).isEmpty();
    }

    @Test
    void afterDisposeASwitchReachesNothingOfTheScreen() {
        DiagnosticsViewModel vm = viewModel();
        t.state.connectionProperty().set(TestServices.sandboxConnection());
        vm.serviceAccountProperty().set("typed@sandbox-project.iam.gserviceaccount.com");

        vm.dispose();
        t.state.connectionProperty().set(cloud());

        assertThat(listedFor).hasSize(1);
        assertThat(vm.serviceAccountProperty().get()).isEqualTo("typed@sandbox-project.iam.gserviceaccount.com");
        assertThat(vm.providers()).isNotEmpty();
    }

    private static Connection cloud() {
        return new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@prod.example", "ci@prod.example",
                List.of(new Connection.ProjectInfo("prod", "111111111111", "Prod")), Optional.empty());
    }
}
