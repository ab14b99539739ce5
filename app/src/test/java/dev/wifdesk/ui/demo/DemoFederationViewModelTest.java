package dev.wifdesk.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.sandbox.DemoSetup;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.EmbeddedSandboxLauncher;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.ui.diagnostics.DiagnosticsViewModel;
import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.ui.support.Fx;
import dev.wifdesk.ui.support.TestServices;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo federation and sample tokens, view models against the real in-process sandbox. */
class DemoFederationViewModelTest {
    private final TestServices t = new TestServices();
    private StartupConnectionService service;
    private DemoFederationViewModel demo;
    private DiagnosticsViewModel diag;

    @BeforeEach
    void connect() throws Exception {
        service = new StartupConnectionService(Optional::empty, new EmbeddedSandboxLauncher(SandboxOptions.defaults()));
        Connection sandbox = service.connect();
        demo = Fx.call(() -> new DemoFederationViewModel(t.state, UiExecutor.synchronous(), t.messages, t.live.audit(),
                Clock.systemUTC()));
        diag = Fx.call(() -> new DiagnosticsViewModel(new dev.wifdesk.ui.diagnostics.EngineDiagnosisService(
                new dev.wifdesk.diagnose.DiagnosisEngine()), c -> new IamProviderDirectory(c.clients().orElseThrow().iam()),
                t.state, UiExecutor.synchronous(), t.messages, t.clipboard::add, new ClaimsTable(new CelEngine()),
                Clock.systemUTC(), t.live, TestServices.bindingPlanner()));
        Fx.run(() -> t.state.connectionProperty().set(sandbox));
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void thePlanListsTheExactResourcesAndOnlyTheSandboxOffersIt() {
        assertThat(demo.availableProperty().get()).isTrue();
        String plan = Fx.call(demo::planText);
        assertThat(plan).contains("Pool: projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci",
                "issuer: " + GitLabSandbox.ISSUER, "condition: " + DemoSetup.CONDITION,
                "+ roles/iam.workloadIdentityUser principalSet://iam.googleapis.com/projects/428617359021/locations/"
                        + "global/workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines",
                "GitLab CI/CD variables: acme/pipelines");
        assertThat(diag.providersLoadedProperty().get()).isTrue();
        assertThat(diag.providers()).isEmpty();

        Fx.run(() -> t.state.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci", "ci",
                List.of(), Optional.empty())));
        assertThat(demo.availableProperty().get()).isFalse();
        assertThat(Fx.call(demo::planText)).isEmpty();
        Fx.run(demo::create);
        assertThat(demo.statusProperty().get()).startsWith("The demo federation is made only in the sandbox");
    }

    @Test
    void createsAuditsAndRefreshesThenASecondRunFindsEverythingThere() {
        Fx.run(demo::create);
        assertThat(demo.statusProperty().get()).startsWith("Demo federation ready: 6 created or updated, 0 already there.");
        assertThat(demo.completedProperty().get()).isEqualTo(1);
        List<AuditEntry> audit = t.live.audit().read();
        assertThat(audit).hasSize(6).allSatisfy(e -> {
            assertThat(e.result()).isEqualTo("created");
            assertThat(e.actor()).isEqualTo("operator@wifdesk-sandbox.example");
        });
        assertThat(audit).extracting(AuditEntry::action).contains("demo setup: pool", "demo setup: ci variables");

        Fx.run(diag::reloadLive);
        assertThat(diag.providers()).extracting(ProviderChoice::label).containsExactly("gitlab-ci / gitlab-sandbox");
        assertThat(diag.serviceAccountProperty().get()).isEqualTo("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");

        Fx.run(demo::create);
        assertThat(demo.statusProperty().get()).startsWith("Demo federation ready: 0 created or updated, 6 already there.");
        List<AuditEntry> all = t.live.audit().read();
        assertThat(all).hasSize(12);
        assertThat(all.subList(6, 12)).extracting(AuditEntry::result).containsOnly("already exists");
    }

    @Test
    void sampleTokensPassOnMainAndAreRejectedByTheConditionOnDevelop() {
        Fx.run(demo::create);
        Fx.run(diag::reloadLive);
        assertThat(diag.sampleTokensAvailableProperty().get()).isTrue();

        Fx.run(diag::mintSampleToken);
        String main = diag.tokenProperty().get();
        assertThat(main).isNotBlank();
        Fx.run(diag::diagnose);
        assertThat(diag.verdictProperty().get()).startsWith("Pass");
        assertThat(diag.stages()).filteredOn(s -> s.name().equals("binding"))
                .singleElement().satisfies(s -> assertThat(s.status().name()).isEqualTo("PASS"));

        Fx.run(() -> diag.sampleRefProperty().set("develop"));
        Fx.run(diag::mintSampleToken);
        assertThat(diag.tokenProperty().get()).isNotEqualTo(main);
        Fx.run(diag::diagnose);
        assertThat(diag.findings()).extracting(f -> f.code().name()).contains("CONDITION_REJECTED");
        assertThat(t.log.asText()).doesNotContain(main.substring(10, 40));

        // a new target forgets the minted token, the lists and the results of the old one
        Fx.run(() -> t.state.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci", "ci",
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
