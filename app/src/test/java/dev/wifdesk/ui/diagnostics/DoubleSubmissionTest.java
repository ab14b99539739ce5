package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.ProviderChange;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.ui.support.AudienceOnlyEngine;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.HoldingExecutor;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A second click on Diagnose or Apply while the first one's task runs starts nothing. */
class DoubleSubmissionTest {
    private final TestServices t = new TestServices();
    private final HoldingExecutor executor = new HoldingExecutor();
    private final InMemoryProviders providers = new InMemoryProviders().add(InMemoryProviders.gitlabProvider(
            CancelledTasksTest.PROVIDER, "https://gitlab.com", List.of("https://gitlab.com")));
    private DiagnosticsViewModel vm;

    @BeforeEach
    void setUp() {
        vm = OnCaller.call(() -> new DiagnosticsViewModel(new AudienceOnlyEngine(), c -> providers, t.state, executor, t.messages,
                s -> { }, new ClaimsTable(new CelEngine()), t.clock, t.live, TestServices.bindingPlanner()));
        OnCaller.run(() -> {
            t.state.connectionProperty().set(CancelledTasksTest.sandboxWithClients());
            executor.runAll();
        });
    }

    @Test
    void diagnoseTwiceRunsOnce() {
        OnCaller.run(() -> {
            vm.errorTextProperty().set("The audience in ID Token [x] does not match the expected audience.");
            vm.diagnose();
            vm.diagnose();
        });
        assertThat(executor.heldWork).hasSize(1);
    }

    @Test
    void applyTwiceSendsOnePatch() {
        ProviderChange change = new ProviderChange(FindingCode.AUDIENCE_MISMATCH, CancelledTasksTest.PROVIDER,
                "oidc.allowedAudiences", "https://gitlab.com", "https://gitlab.example", new WorkloadIdentityPoolProvider());
        OnCaller.run(() -> {
            vm.applyFix(change);
            vm.applyFix(change);
        });
        assertThat(executor.heldWork).hasSize(1);
    }
}
