package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.ProviderChange;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.diagnose.live.JobDiagnosis;
import dev.wifdesk.diagnose.live.LatestFailures;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.demo.DemoFederationViewModel;
import dev.wifdesk.ui.support.AudienceOnlyEngine;
import dev.wifdesk.ui.support.Fx;
import dev.wifdesk.ui.support.HoldingExecutor;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A target switch cancels the old target's running tasks ({@code UiExecutor.cancelRunning()}):
 * no screen may stay "busy" (buttons disabled for good) because a cancelled task never said it ended,
 * and nothing the old target's tasks produced may stay on screen.
 */
class CancelledTasksTest {
    static final String PROVIDER = "projects/428617359021/locations/global/workloadIdentityPools/gitlab/providers/gitlab-com";

    private final TestServices t = new TestServices();
    private final HoldingExecutor executor = new HoldingExecutor();
    private final InMemoryProviders providers = new InMemoryProviders()
            .add(InMemoryProviders.gitlabProvider(PROVIDER, "https://gitlab.com", List.of("https://gitlab.com")));
    private DiagnosticsViewModel vm;

    /** A sandbox-shaped connection with clients and a GitLab side; nothing listens at its loopback port. */
    static Connection sandboxWithClients() {
        GoogleClients clients = new GoogleClients(Target.sandbox(URI.create("http://127.0.0.1:9"), "operator-token",
                "operator@wifdesk-sandbox.example"));
        SandboxGitLab gitlab = new SandboxGitLab(URI.create("http://127.0.0.1:9"), "sandbox-gitlab-token", "acme/pipelines",
                u -> Optional.empty(), dev.wifdesk.sandbox.gitlab.GitLabSandbox.ISSUER, Optional.empty());
        return new Connection(Connection.TargetKind.SANDBOX, "sandbox-project (428617359021)",
                "operator@wifdesk-sandbox.example",
                List.of(new Connection.ProjectInfo("sandbox-project", "428617359021", "Sandbox project")),
                Optional.of(clients), Optional.of(gitlab));
    }

    @BeforeEach
    void setUp() {
        vm = Fx.call(() -> new DiagnosticsViewModel(new AudienceOnlyEngine(), c -> providers, t.state, executor, t.messages,
                s -> { }, new ClaimsTable(new CelEngine()), t.clock, t.live, TestServices.bindingPlanner()));
        Fx.run(() -> {
            t.state.connectionProperty().set(sandboxWithClients());
            executor.runAll(); // the provider and service-account lists of the connection
        });
    }

    @Test
    void aCancelledApplyFixLeavesTheScreenUsable() {
        ProviderChange change = new ProviderChange(FindingCode.AUDIENCE_MISMATCH, PROVIDER, "oidc.allowedAudiences",
                "https://gitlab.com", "https://gitlab.example", new WorkloadIdentityPoolProvider());
        Fx.run(() -> vm.applyFix(change));
        assertThat(vm.busyProperty().get()).isTrue();

        Fx.run(executor::cancelRunning);

        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aCancelledLatestFailuresRunLeavesItsButtonEnabled() {
        LatestFailuresViewModel failures = vm.latestFailures();
        Fx.run(failures::run);
        assertThat(failures.busyProperty().get()).isTrue();

        Fx.run(executor::cancelRunning);

        assertThat(failures.busyProperty().get()).isFalse();
    }

    @Test
    void aCancelledDemoSetupCanBeStartedAgain() {
        DemoFederationViewModel demo = Fx.call(() -> new DemoFederationViewModel(t.state, executor, t.messages,
                t.live.audit(), t.clock));
        DemoFederationViewModel.PreparedPlan confirmed = new DemoFederationViewModel.PreparedPlan(
                t.state.current().orElseThrow(), new dev.wifdesk.plan.Plan(List.of()), "");
        Fx.run(() -> demo.create(confirmed));
        assertThat(demo.busyProperty().get()).isTrue();

        Fx.run(executor::cancelRunning);

        assertThat(demo.busyProperty().get()).isFalse();
        Fx.run(() -> demo.create(confirmed));
        assertThat(executor.heldWork).hasSize(1);
    }

    @Test
    void theOldTargetsFailedJobsGoWhenTheTargetSwitches() {
        JobDiagnosis job = new JobDiagnosis(7, "deploy", "main", "http://127.0.0.1:9/acme/pipelines/-/jobs/7", "", null,
                List.of());
        LiveServices live = new LiveServices(t.live.serviceAccounts(), t.live.jwks(), t.live.exchange(),
                (c, url, path) -> new LatestFailures(path, List.of(job), List.of()), t.live.audit());
        DiagnosticsViewModel withJobs = Fx.call(() -> new DiagnosticsViewModel(new AudienceOnlyEngine(), c -> providers,
                t.state, executor, t.messages, s -> { }, new ClaimsTable(new CelEngine()), t.clock, live,
                TestServices.bindingPlanner()));
        LatestFailuresViewModel failures = withJobs.latestFailures();
        Fx.run(() -> {
            failures.run();
            executor.runAll();
        });
        assertThat(failures.jobs()).containsExactly(job);

        Fx.run(() -> t.state.connectionProperty().set(TestServices.sandboxConnection()));

        assertThat(failures.jobs()).isEmpty();
        assertThat(failures.selectedJobProperty().get()).isNull();
    }
}
