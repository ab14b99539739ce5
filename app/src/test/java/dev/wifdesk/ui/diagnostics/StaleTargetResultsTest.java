package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.diagnose.fix.ClaimsTable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.support.AudienceOnlyEngine;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.HoldingExecutor;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A list read for the old target that lands after the switch (its task ended too late to be
 * cancelled) must not replace what the new target shows.
 */
class StaleTargetResultsTest {
    static final String CLOUD_PROVIDER = "projects/111111111111/locations/global/workloadIdentityPools/prod/providers/gitlab";

    private final TestServices t = new TestServices();
    private final HoldingExecutor executor = new HoldingExecutor();
    private final Connection sandbox = TestServices.sandboxConnection();
    private final Connection cloud = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@prod.example", "ci@prod.example",
            List.of(new Connection.ProjectInfo("prod", "111111111111", "Prod")), Optional.empty());
    private final InMemoryProviders sandboxProviders = new InMemoryProviders().add(InMemoryProviders.gitlabProvider(
            CancelledTasksTest.PROVIDER, "https://gitlab.com", List.of("https://gitlab.com")));
    private final InMemoryProviders cloudProviders = new InMemoryProviders().add(InMemoryProviders.gitlabProvider(
            CLOUD_PROVIDER, "https://gitlab.com", List.of("https://gitlab.com")));

    @Test
    void theOldTargetsProviderListArrivingLateIsDropped() {
        DiagnosticsViewModel vm = OnCaller.call(() -> new DiagnosticsViewModel(new AudienceOnlyEngine(),
                c -> c == sandbox ? sandboxProviders : cloudProviders, t.state, executor, t.messages, s -> { },
                new ClaimsTable(new CelEngine()), t.clock, t.live, TestServices.bindingPlanner()));
        OnCaller.run(() -> {
            t.state.connectionProperty().set(sandbox);   // lists for the sandbox: held
            t.state.connectionProperty().set(cloud);     // the switch: lists for Google Cloud, held too
            List<HoldingExecutor.HeldWork<?>> inOrder = new java.util.ArrayList<>(executor.heldWork);
            executor.heldWork.clear();
            Collections.reverse(inOrder);                // Google Cloud's answer first, the sandbox's late
            inOrder.forEach(HoldingExecutor.HeldWork::run);
        });

        assertThat(vm.providers()).extracting(ProviderChoice::name).containsExactly(CLOUD_PROVIDER);
        assertThat(vm.selectedProviderProperty().get().name()).isEqualTo(CLOUD_PROVIDER);
        assertThat(vm.providerStatusProperty().get()).contains("prod");
    }

    @Test
    void theOldTargetsExchangeAnswerLeavesTheErrorFieldOnASwitch() {
        String refused = "exchange refused by the old target (test text)";
        LiveServices live = new LiveServices(t.live.serviceAccounts(), t.live.jwks(),
                (c, token, audience, sa) -> new dev.wifdesk.cloud.LiveExchange.Result(
                        dev.wifdesk.cloud.LiveExchange.Step.STS, 400, refused, null),
                t.live.failures(), t.live.audit());
        DiagnosticsViewModel vm = OnCaller.call(() -> new DiagnosticsViewModel(new AudienceOnlyEngine(), c -> sandboxProviders,
                t.state, dev.wifdesk.ui.core.UiExecutor.inline(), t.messages, s -> { },
                new ClaimsTable(new CelEngine()), t.clock, live, TestServices.bindingPlanner()));
        OnCaller.run(() -> {
            t.state.connectionProperty().set(CancelledTasksTest.sandboxWithClients());
        });
        OnCaller.run(() -> { // the provider list has landed
            vm.serviceAccountProperty().set("ci@sandbox-project.iam.gserviceaccount.com");
            vm.tokenProperty().set("a.b.c");
            vm.liveExchange();
        });
        assertThat(vm.errorTextProperty().get()).isEqualTo(refused);
        assertThat(vm.exchangeFailedProperty().get()).isTrue();

        OnCaller.run(() -> t.state.connectionProperty().set(cloud));

        assertThat(vm.errorTextProperty().get()).isEmpty();
        assertThat(vm.exchangeFailedProperty().get()).isFalse();
        assertThat(vm.exchangeResultProperty().get()).isEmpty();
    }

    @Test
    void anErrorTextTheUserTypedStaysOnASwitch() {
        DiagnosticsViewModel vm = OnCaller.call(() -> new DiagnosticsViewModel(new AudienceOnlyEngine(), c -> sandboxProviders,
                t.state, executor, t.messages, s -> { }, new ClaimsTable(new CelEngine()), t.clock, t.live,
                TestServices.bindingPlanner()));
        OnCaller.run(() -> {
            t.state.connectionProperty().set(sandbox);
            vm.errorTextProperty().set("typed by the user");
            t.state.connectionProperty().set(cloud);
        });
        assertThat(vm.errorTextProperty().get()).isEqualTo("typed by the user");
    }
}
