package dev.wifdesk.ui.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.LiveExchange;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.cloud.ProviderDirectory;
import dev.wifdesk.cloud.ProviderPatch;
import dev.wifdesk.cloud.ServiceAccountDirectory;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.ProviderChange;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.AudienceOnlyEngine;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target switch while a piece of work is in flight, without a toolkit: a late result must not
 * reach the new target's screen (sample token, apply fix, binding fix, live exchange), a change in
 * flight is never interrupted, and a change whose audit entry could not be written is still
 * reported as applied.
 */
class TargetSwitchDuringWorkTest {
    static final String PROVIDER = CancelledTasksTest.PROVIDER;
    static final String SA = "ci@sandbox-project.iam.gserviceaccount.com";

    @TempDir
    Path dir;

    private final TestServices t = new TestServices();
    private final AudienceOnlyEngine engine = new AudienceOnlyEngine();
    private final InMemoryProviders providers = new InMemoryProviders()
            .add(InMemoryProviders.gitlabProvider(PROVIDER, "https://gitlab.com", List.of("https://gitlab.com")));
    private final Connection cloud = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@prod.example", "ci@prod.example",
            List.of(new Connection.ProjectInfo("prod", "111111111111", "Prod")), Optional.empty());
    private final List<PolicyChange> policyChanges = new ArrayList<>();

    private DiagnosticsViewModel viewModel(UiExecutor executor, LiveServices live) {
        return new DiagnosticsViewModel(engine, c -> providers, t.state, executor, t.messages, s -> { },
                new ClaimsTable(new CelEngine()), t.clock, live, TestServices.bindingPlanner());
    }

    private LiveServices live(ServiceAccountDirectory accounts, ExchangeRunner exchange, AuditLog audit) {
        return new LiveServices(c -> accounts, t.live.jwks(), exchange, t.live.failures(), audit);
    }

    private AuditLog audit() {
        return new AuditLog(dir.resolve("audit.jsonl"));
    }

    /** The switch as the main window makes it: the new connection, then the old target's work is cancelled. */
    private void switchTarget(UiExecutor executor) {
        t.state.connectionProperty().set(cloud);
        executor.cancelRunning();
    }

    private static ProviderChange audienceChange() {
        WorkloadIdentityPoolProvider body = new WorkloadIdentityPoolProvider().setOidc(
                new com.google.api.services.iam.v1.model.Oidc().setAllowedAudiences(List.of("https://gitlab.com", "x")));
        return new ProviderChange(FindingCode.AUDIENCE_MISMATCH, PROVIDER, "oidc.allowedAudiences", "https://gitlab.com",
                "https://gitlab.com\nx", body);
    }

    private static PolicyChange bindingChange() {
        return new PolicyChange("projects/sandbox-project/serviceAccounts/" + SA, "roles/iam.workloadIdentityUser",
                "principal://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab/subject/x", true);
    }

    /** Service accounts whose policy edit runs {@code during} mid-call (a switch arriving while the change is made). */
    private ServiceAccountDirectory accounts(Runnable during) {
        return new ServiceAccountDirectory() {
            @Override
            public List<String> list(String projectId) {
                return List.of();
            }

            @Override
            public String policyJson(String resource) throws IOException {
                throw new IOException("not read in this test");
            }

            @Override
            public String poolJson(String poolName) throws IOException {
                throw new IOException("not read in this test");
            }

            @Override
            public void apply(PolicyChange change) {
                during.run();
                policyChanges.add(change);
            }
        };
    }

    // ---- (a) late results after a switch are dropped ----------------------------------------------

    @Test
    void aSampleTokenMintedForTheOldTargetDoesNotFillTheNewOnesField() {
        UiExecutor inline = UiExecutor.inline();
        SandboxGitLab.TokenMinter minter = (audience, ref) -> {
            switchTarget(inline); // the user switches while the sandbox GitLab signs
            return "minted.for.old-target";
        };
        SandboxGitLab gitlab = new SandboxGitLab(URI.create("http://127.0.0.1:9"), "gitlab-token", "acme/pipelines",
                u -> Optional.empty(), "https://gitlab.sandbox.wifdesk.test", Optional.of(minter));
        DiagnosticsViewModel vm = viewModel(inline, t.live);
        t.state.connectionProperty().set(new Connection(Connection.TargetKind.SANDBOX, "sandbox", "operator",
                List.of(new Connection.ProjectInfo("sandbox-project", "428617359021", "Sandbox")), Optional.empty(),
                Optional.of(gitlab)));

        vm.mintSampleToken();

        assertThat(vm.tokenProperty().get()).isEmpty();
        assertThat(vm.noticeProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aProviderFixAppliedToTheOldTargetShowsNothingOnTheNewOne() {
        UiExecutor inline = UiExecutor.inline();
        ProviderDirectory switching = new ProviderDirectory() {
            @Override
            public List<ProviderChoice> list(String projectId) {
                return providers.list(projectId);
            }

            @Override
            public WorkloadIdentityPoolProvider get(String name) {
                return providers.get(name);
            }

            @Override
            public void apply(ProviderPatch patch) {
                switchTarget(inline); // the user switches while IAM patches the provider
                providers.apply(patch);
            }
        };
        DiagnosticsViewModel vm = new DiagnosticsViewModel(engine, c -> switching, t.state, inline, t.messages, s -> { },
                new ClaimsTable(new CelEngine()), t.clock, live(accounts(() -> { }), ExchangeRunner.real(), audit()),
                TestServices.bindingPlanner());
        t.state.connectionProperty().set(TestServices.sandboxConnection());

        vm.applyFix(audienceChange());

        assertThat(providers.applied).hasSize(1); // the change itself went through
        assertThat(vm.noticeProperty().get()).isEmpty();
        assertThat(engine.requests).isEmpty(); // no re-run against the new target
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aBindingAppliedToTheOldTargetShowsNothingOnTheNewOne() {
        UiExecutor inline = UiExecutor.inline();
        DiagnosticsViewModel vm = viewModel(inline, live(accounts(() -> switchTarget(inline)), ExchangeRunner.real(), audit()));
        t.state.connectionProperty().set(CancelledTasksTest.sandboxWithClients());

        vm.applyBindingFix(bindingChange());

        assertThat(policyChanges).hasSize(1);
        assertThat(vm.noticeProperty().get()).isEmpty();
        assertThat(engine.requests).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void theOldTargetsExchangeRefusalDoesNotBecomeTheNewTargetsErrorText() {
        UiExecutor inline = UiExecutor.inline();
        ExchangeRunner refusing = (c, token, audience, sa) -> {
            switchTarget(inline);
            return new LiveExchange.Result(LiveExchange.Step.STS, 400, "refused by the old target (test text)", null);
        };
        DiagnosticsViewModel vm = viewModel(inline, live(accounts(() -> { }), refusing, audit()));
        t.state.connectionProperty().set(CancelledTasksTest.sandboxWithClients());
        vm.selectedProviderProperty().set(new ProviderChoice(PROVIDER, "gitlab", "gitlab-com", "", "ACTIVE"));
        vm.serviceAccountProperty().set(SA);
        vm.tokenProperty().set("a.b.c");

        vm.liveExchange();

        assertThat(vm.errorTextProperty().get()).isEmpty();
        assertThat(vm.exchangeFailedProperty().get()).isFalse();
        assertThat(vm.exchangeResultProperty().get()).isEmpty();
        assertThat(engine.requests).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    // ---- (c) a switch never interrupts a change in flight -----------------------------------------

    @Test
    void aSwitchWhileABindingIsBeingWrittenLetsItFinishAndAuditsIt() throws Exception {
        ThreadedTestExecutor executor = new ThreadedTestExecutor();
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DiagnosticsViewModel vm = viewModel(executor, live(accounts(() -> {
            inCall.countDown();
            try {
                // a blocking HTTP call: an interrupt would break it off mid-write
                if (!release.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted mid-call");
            }
        }), ExchangeRunner.real(), audit()));
        t.state.connectionProperty().set(CancelledTasksTest.sandboxWithClients());
        executor.deliverAll(); // the lists read for the sandbox

        vm.applyBindingFix(bindingChange());
        assertThat(inCall.await(20, TimeUnit.SECONDS)).isTrue();
        switchTarget(executor);
        release.countDown();
        executor.deliverAll();

        assertThat(policyChanges).containsExactly(bindingChange());
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"result\":\"ok\"").contains("add IAM binding");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.noticeProperty().get()).isEmpty(); // applied to the old target: not shown on the new one
    }

    // ---- (b) an audit write that fails after a change that succeeded --------------------------------

    @Test
    void aChangeThatWentThroughIsAppliedEvenWhenItsAuditEntryCannotBeWritten() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        AuditLog unwritable = new AuditLog(notADirectory.resolve("audit.jsonl"));
        DiagnosticsViewModel vm = viewModel(UiExecutor.inline(), live(accounts(() -> { }), ExchangeRunner.real(), unwritable));
        t.state.connectionProperty().set(TestServices.sandboxConnection());

        vm.applyFix(audienceChange());

        assertThat(providers.applied).hasSize(1);
        assertThat(vm.noticeProperty().get()).isEqualTo("Provider updated (oidc.allowedAudiences); diagnosis re-run.");
        assertThat(vm.inputMessageProperty().get())
                .startsWith("The change was applied, but its audit entry could not be written: patch provider")
                .contains("cannot write the audit log")
                .doesNotContain("could not be updated");
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
