package dev.wifdesk.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.demo.DemoSetup;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.EmbeddedSandboxLauncher;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.DaemonUiExecutor;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.ui.diagnostics.DiagnosticsViewModel;
import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.ui.support.Fx;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gitlab4j.api.GitLabApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo federation and sample tokens, view models against the real in-process sandbox. */
class DemoFederationViewModelTest {
    private final TestServices t = new TestServices();
    private StartupConnectionService service;
    private Connection sandbox;
    private DemoFederationViewModel demo;
    private DiagnosticsViewModel diag;

    @BeforeEach
    void connect() throws Exception {
        service = new StartupConnectionService(Optional::empty, new EmbeddedSandboxLauncher(SandboxOptions.defaults()));
        sandbox = service.connect();
        demo = OnCaller.call(() -> new DemoFederationViewModel(t.state, UiExecutor.inline(), t.messages, t.live.audit(),
                Clock.systemUTC()));
        diag = OnCaller.call(() -> new DiagnosticsViewModel(new dev.wifdesk.ui.diagnostics.EngineDiagnosisService(
                new dev.wifdesk.diagnose.DiagnosisEngine()), c -> new IamProviderDirectory(c.clients().orElseThrow().iam()),
                t.state, UiExecutor.inline(), t.messages, t.clipboard::add, new ClaimsTable(new CelEngine()),
                Clock.systemUTC(), t.live, TestServices.bindingPlanner()));
        OnCaller.run(() -> t.state.connectionProperty().set(sandbox));
    }

    @AfterEach
    void close() {
        service.close();
    }

    /** The plan as the dialog would get it (inline executor: ready at once). */
    private DemoFederationViewModel.PreparedPlan prepared(DemoFederationViewModel vm) {
        AtomicReference<DemoFederationViewModel.PreparedPlan> out = new AtomicReference<>();
        OnCaller.run(() -> vm.prepare(out::set));
        assertThat(out.get()).as("the plan was read").isNotNull();
        return out.get();
    }

    private void createDemo() {
        DemoFederationViewModel.PreparedPlan plan = prepared(demo);
        OnCaller.run(() -> demo.create(plan));
    }

    private List<String> serviceAccounts() throws Exception {
        var accounts = sandbox.clients().orElseThrow().iam().projects().serviceAccounts().list("projects/sandbox-project")
                .execute().getAccounts();
        return accounts == null ? List.of() : accounts.stream().map(a -> a.getEmail()).toList();
    }

    @Test
    void thePlanListsTheExactResourcesAndActionsAndOnlyTheSandboxOffersIt() {
        assertThat(demo.availableProperty().get()).isTrue();
        String plan = prepared(demo).text();
        assertThat(plan).contains("Pool (create): projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci",
                "issuer: " + GitLabSandbox.ISSUER, "condition: " + DemoSetup.CONDITION,
                "+ roles/iam.workloadIdentityUser principalSet://iam.googleapis.com/projects/428617359021/locations/"
                        + "global/workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines",
                "GitLab CI/CD variables (create): acme/pipelines");
        assertThat(diag.providersLoadedProperty().get()).isTrue();
        assertThat(diag.providers()).isEmpty();

        OnCaller.run(() -> t.state.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci", "ci",
                List.of(), Optional.empty())));
        assertThat(demo.availableProperty().get()).isFalse();
        AtomicReference<Object> none = new AtomicReference<>();
        OnCaller.run(() -> demo.prepare(none::set));
        assertThat(none.get()).isNull();
        assertThat(demo.statusProperty().get()).startsWith("The demo federation is made only in the sandbox");
    }

    @Test
    void createsAuditsEachCallAndRefreshesThenASecondRunFindsEverythingThere() {
        createDemo();
        assertThat(demo.statusProperty().get()).startsWith("Demo federation ready: 7 created or updated, 0 already there.");
        assertThat(demo.completedProperty().get()).isEqualTo(1);
        List<AuditEntry> audit = t.live.audit().read();
        assertThat(audit).hasSize(14).allSatisfy(e -> {
            assertThat(e.result()).isEqualTo("ok");
            assertThat(e.actor()).isEqualTo("operator@wifdesk-sandbox.example");
        });
        assertThat(audit).extracting(AuditEntry::action)
                .contains("iam.workloadIdentityPools.create", "gitlab.projects.variables.create");

        OnCaller.run(diag::reloadLive);
        assertThat(diag.providers()).extracting(ProviderChoice::label).containsExactly("gitlab-ci / gitlab-sandbox");
        assertThat(diag.serviceAccountProperty().get()).isEqualTo("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");

        DemoFederationViewModel.PreparedPlan again = prepared(demo);
        assertThat(again.plan().steps()).extracting(Step::action).containsOnly(Action.NONE);
        assertThat(again.text()).contains("Pool (already there): ");
        OnCaller.run(() -> demo.create(again));
        assertThat(demo.statusProperty().get()).startsWith("Demo federation ready: 0 created or updated, 7 already there.");
        // reads are not audited: a run that changes nothing writes nothing
        assertThat(t.live.audit().read()).hasSize(14);
    }

    @Test
    void exactlyTheConfirmedPlanRunsNotAFreshOne() throws Exception {
        DemoFederationViewModel.PreparedPlan full = prepared(demo);
        // the user confirmed a plan of one step: nothing beyond it may be made
        Plan onlyPool = new Plan(List.of(full.plan().steps().get(0)));
        OnCaller.run(() -> demo.create(new DemoFederationViewModel.PreparedPlan(full.connection(), onlyPool, "")));

        assertThat(demo.statusProperty().get()).startsWith("Demo federation ready: 1 created or updated, 0 already there.");
        assertThat(t.live.audit().read()).extracting(AuditEntry::action).containsExactly("iam.workloadIdentityPools.create");
        assertThat(serviceAccounts()).doesNotContain("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");
    }

    @Test
    void aPlanConfirmedForAnotherTargetIsRefused() {
        DemoFederationViewModel.PreparedPlan plan = prepared(demo);
        // the same sandbox reconnected (a switch away and back): a new connection
        Connection other = new Connection(sandbox.target(), sandbox.label() + " ", sandbox.identity(), sandbox.projects(),
                sandbox.clients(), sandbox.sandboxGitLab());
        OnCaller.run(() -> t.state.connectionProperty().set(other));
        OnCaller.run(() -> demo.create(plan));
        assertThat(demo.statusProperty().get()).startsWith("The target changed since the plan was shown");
        assertThat(t.live.audit().read()).isEmpty();
    }

    @Test
    void thePlanIsReadOffTheFxThread() throws Exception {
        // the real executor delivers on the FX thread: this one test needs the toolkit
        AtomicReference<String> openedOn = new AtomicReference<>();
        try (DaemonUiExecutor daemon = new DaemonUiExecutor()) {
            DemoFederationViewModel vm = Fx.call(() -> new DemoFederationViewModel(t.state, daemon, t.messages,
                    t.live.audit(), Clock.systemUTC(), g -> {
                        openedOn.set(Thread.currentThread().getName());
                        return new GitLabApi(g.baseUrl().toString(), g.token());
                    }));
            CompletableFuture<DemoFederationViewModel.PreparedPlan> ready = new CompletableFuture<>();
            Fx.run(() -> vm.prepare(ready::complete));
            DemoFederationViewModel.PreparedPlan plan = ready.get(30, TimeUnit.SECONDS);
            assertThat(plan.plan().steps()).hasSize(DemoSetup.Kind.values().length);
            assertThat(openedOn.get()).isNotNull().isNotEqualTo("JavaFX Application Thread").startsWith("wifdesk-ui-worker");
        }
    }

    @Test
    void theApplyStartedFromTheConfirmationStaysBusyUntilItEnds() {
        dev.wifdesk.ui.support.HoldingExecutor held = new dev.wifdesk.ui.support.HoldingExecutor();
        DemoFederationViewModel vm = OnCaller.call(() -> new DemoFederationViewModel(t.state, held, t.messages,
                t.live.audit(), Clock.systemUTC()));
        // the dialog's "Create" runs inside the plan's success handler
        OnCaller.run(() -> vm.prepare(vm::create));
        assertThat(vm.busyProperty().get()).isTrue();
        OnCaller.run(held::runAll);
        assertThat(held.heldWork).as("the apply is in flight").hasSize(1);
        assertThat(vm.busyProperty().get()).as("busy while the apply runs").isTrue();
        OnCaller.run(held::runAll);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Demo federation ready: 7 created or updated");
    }

    @Test
    void aChangeWhoseAuditWriteFailedIsStillReportedAsMade(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
        AuditLog broken = new AuditLog(blocker.resolve("audit.jsonl"));
        DemoFederationViewModel vm = OnCaller.call(() -> new DemoFederationViewModel(t.state, UiExecutor.inline(), t.messages,
                broken, Clock.systemUTC()));
        DemoFederationViewModel.PreparedPlan plan = prepared(vm);
        OnCaller.run(() -> vm.create(plan));
        assertThat(vm.statusProperty().get())
                .startsWith("Demo federation ready: 7 created or updated, 0 already there.")
                .contains("14 changes could not be written to the audit log")
                .doesNotContain("failed");
        assertThat(serviceAccounts()).contains("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");
    }

    @Test
    void sampleTokensPassOnMainAndAreRejectedByTheConditionOnDevelop() {
        createDemo();
        OnCaller.run(diag::reloadLive);
        assertThat(diag.sampleTokensAvailableProperty().get()).isTrue();

        OnCaller.run(diag::mintSampleToken);
        String main = diag.tokenProperty().get();
        assertThat(main).isNotBlank();
        OnCaller.run(diag::diagnose);
        assertThat(diag.verdictProperty().get()).startsWith("Pass");
        assertThat(diag.stages()).filteredOn(s -> s.name().equals("binding"))
                .singleElement().satisfies(s -> assertThat(s.status().name()).isEqualTo("PASS"));

        OnCaller.run(() -> diag.sampleRefProperty().set("develop"));
        OnCaller.run(diag::mintSampleToken);
        assertThat(diag.tokenProperty().get()).isNotEqualTo(main);
        OnCaller.run(diag::diagnose);
        assertThat(diag.findings()).extracting(f -> f.code().name()).contains("CONDITION_REJECTED");
        assertThat(t.log.asText()).doesNotContain(main.substring(10, 40));

        // a new target forgets the minted token, the lists and the results of the old one
        OnCaller.run(() -> t.state.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci", "ci",
                List.of(), Optional.empty())));
        assertThat(diag.tokenProperty().get()).isEmpty();
        assertThat(diag.providers()).isEmpty();
        assertThat(diag.selectedProviderProperty().get()).isNull();
        assertThat(diag.serviceAccountProperty().get()).isEmpty();
        assertThat(diag.findings()).isEmpty();
        assertThat(diag.verdictProperty().get()).isEmpty();
        assertThat(diag.sampleTokensAvailableProperty().get()).isFalse();
    }
}
