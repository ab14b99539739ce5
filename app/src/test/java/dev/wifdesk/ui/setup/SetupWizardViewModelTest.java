package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.View;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's steps without a toolkit (inline executor, a double of the wizard's own port). */
class SetupWizardViewModelTest {
    private final FakeSetupService service = new FakeSetupService();
    private final ConnectionState connection = new ConnectionState();
    private final Navigator navigator = new Navigator();
    private final Messages messages = Messages.load(Locale.ROOT);
    private SetupWizardViewModel wizard;

    static Connection sandbox() {
        return new Connection(Connection.TargetKind.SANDBOX, "sandbox-project (" + FakeSetupService.NUMBER + ")",
                "operator@wifdesk-sandbox.example",
                List.of(new Connection.ProjectInfo("sandbox-project", FakeSetupService.NUMBER, "Sandbox project")),
                Optional.empty(), Optional.of(new SandboxGitLab(URI.create("http://127.0.0.1:8929"), "sandbox-token",
                        "acme/pipelines", u -> Optional.empty(), "https://gitlab.sandbox.wifdesk.dev", Optional.empty())));
    }

    @BeforeEach
    void setUp() {
        connection.connectionProperty().set(sandbox());
        wizard = SetupWizardViewModel.create(service, connection, navigator, UiExecutor.inline(), messages, new CelEngine());
        wizard.start();
    }

    private void nextTo(SetupStep step) {
        while (wizard.currentProperty().get() != step) {
            assertThat(wizard.canGoNextProperty().get()).as("Next on %s: %s", wizard.currentProperty().get(),
                    wizard.step(wizard.currentProperty().get()).problems()).isTrue();
            wizard.next();
        }
    }

    @Test
    void theSandboxFillsConnectAndTheProjectStepLooksUpNumberAndMissingApis() {
        assertThat(wizard.connect().gitlabUrlProperty().get()).isEqualTo("http://127.0.0.1:8929");
        assertThat(wizard.connect().sandboxProperty().get()).isTrue();
        assertThat(wizard.connect().targetProperty().get()).contains("Sandbox");
        nextTo(SetupStep.PROJECT);
        assertThat(wizard.state().gitlab().orElseThrow().token()).isEqualTo("sandbox-token");
        assertThat(wizard.state().gitlab().orElseThrow().toString()).doesNotContain("sandbox-token");
        assertThat(wizard.project().numberProperty().get()).isEqualTo(FakeSetupService.NUMBER);
        assertThat(wizard.project().missingServices()).containsExactly("sts.googleapis.com");
        assertThat(wizard.project().statusProperty().get()).contains("1 API is not enabled yet");
        assertThat(wizard.project().validProperty().get()).isTrue();
    }

    @Test
    void aGoogleCloudConnectionNeedsAGitLabTokenAndAnHttpsUrlNamedByRule() {
        connection.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "acme", "me@acme.example",
                List.of(new Connection.ProjectInfo("acme-data", "123456789012", "Acme")), Optional.empty()));
        wizard.connect().load();
        ConnectStepViewModel c = wizard.connect();
        assertThat(c.sandboxProperty().get()).isFalse();
        assertThat(c.validProperty().get()).isFalse();
        assertThat(c.problems()).contains(messages.get("setup.connect.tokenMissing"));
        c.tokenProperty().set("glpat-secret-value");
        c.gitlabUrlProperty().set("http://gitlab.acme.example");
        assertThat(c.problems()).anySatisfy(p -> assertThat(p).startsWith("gitlab.url:").contains("(rule: "));
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        c.gitlabUrlProperty().set("https://gitlab.acme.example");
        assertThat(c.problems()).isEmpty();
        assertThat(wizard.canGoNextProperty().get()).isTrue();
    }

    @Test
    void poolAndProviderStartFromThePresetAndRejectABadIdLiveNamingTheRule() {
        nextTo(SetupStep.POOL_PROVIDER);
        PoolProviderStepViewModel p = wizard.pool();
        assertThat(p.issuerProperty().get()).isEqualTo("https://gitlab.sandbox.wifdesk.dev");
        assertThat(p.mappingProperty().get()).contains("google.subject = assertion.sub", "attribute.ref_protected");
        assertThat(p.conditionProperty().get())
                .isEqualTo("assertion.namespace_path == \"acme\" && assertion.project_path == \"acme/pipelines\""
                        + " && assertion.ref_protected == \"true\"");
        assertThat(p.idStatusProperty().get()).contains("Pool gitlab-ci is free");
        assertThat(p.validProperty().get()).isTrue();

        p.poolIdProperty().set("gcp-ci");
        assertThat(p.validProperty().get()).isFalse();
        assertThat(p.problems()).anySatisfy(m -> assertThat(m).startsWith("gcp.pool.id:")
                .contains("rule: pool id 4-32 chars [a-z0-9-], not starting with gcp-"));
        p.poolIdProperty().set("gitlab-ci");
        p.conditionProperty().set("assertion.ref_protected == true");
        assertThat(p.problems()).anySatisfy(m -> assertThat(m).startsWith("gcp.provider.attributeCondition:"));
        p.refKindProperty().set(ConditionBuilder.RefKind.TAG);
        p.environmentsProperty().set("production, staging");
        p.writeCondition();
        assertThat(p.conditionProperty().get()).endsWith(
                "assertion.ref_type == \"tag\" && assertion.environment in [\"production\", \"staging\"]");
        assertThat(p.validProperty().get()).isTrue();
    }

    @Test
    void theLongestSubOverThe127ByteLimitBlocksNext() {
        nextTo(SetupStep.POOL_PROVIDER);
        PoolProviderStepViewModel p = wizard.pool();
        assertThat(p.subjectStatusProperty().get()).contains("of 127 bytes");
        p.longestRefProperty().set("feature/" + "x".repeat(80));
        assertThat(p.validProperty().get()).isFalse();
        assertThat(p.problems()).anySatisfy(m -> assertThat(m).contains("rule: google.subject <= 127 bytes"));
        p.mappingProperty().set(p.mappingProperty().get().replace("google.subject = assertion.sub",
                "google.subject = assertion.project_path + \":\" + assertion.ref_type"));
        assertThat(p.validProperty().get()).isTrue();
    }

    @Test
    void aSoftDeletedPoolIsUndeletedByDefaultOrReplacedByAFreshId() {
        service.deletedPools.add("gitlab-ci");
        nextTo(SetupStep.POOL_PROVIDER);
        PoolProviderStepViewModel p = wizard.pool();
        assertThat(p.poolStateProperty().get()).isEqualTo(IdState.SOFT_DELETED);
        assertThat(p.idStatusProperty().get()).contains("soft-deleted: apply undeletes it");
        p.useFreshPoolId();
        assertThat(p.poolIdProperty().get()).isEqualTo("gitlab-ci-2");
        assertThat(p.poolStateProperty().get()).isEqualTo(IdState.FREE);
        assertThat(PoolProviderStepViewModel.freshId("a".repeat(32))).hasSize(32).endsWith("-2");
    }

    @Test
    void environmentsAccessAndGitLabValidateTheirSectionsAndShowTheVariables() {
        nextTo(SetupStep.ENVIRONMENTS);
        EnvironmentsStepViewModel e = wizard.environments();
        assertThat(e.validProperty().get()).as("no environments is fine").isTrue();
        e.nameProperty().set("production");
        e.protectedOnlyProperty().set(true);
        e.add();
        assertThat(e.environments()).extracting(FederationSpec.Environment::name).containsExactly("production");
        assertThat(e.environments().get(0).serviceAccount().id()).isEqualTo("gitlab-dataflow-production");
        nextTo(SetupStep.ACCESS);
        AccessStepViewModel a = wizard.access();
        assertThat(a.grantsProperty().get()).isEqualTo("attribute.project_path/acme/pipelines");
        assertThat(a.developerProperty().get()).isTrue();
        assertThat(a.workerProperty().get()).isTrue();
        a.grantsProperty().set("attribute.nope/x");
        assertThat(a.validProperty().get()).isFalse();
        assertThat(a.problems()).anySatisfy(m -> assertThat(m).startsWith("gcp.grant[0]:"));
        a.grantsProperty().set("attribute.project_path/acme/pipelines");
        a.serviceAccountIdProperty().set("ab");
        assertThat(a.problems()).anySatisfy(m -> assertThat(m).startsWith("gcp.serviceAccount.id:"));
        a.serviceAccountIdProperty().set("gitlab-dataflow");
        nextTo(SetupStep.GITLAB);
        GitLabStepViewModel g = wizard.gitlab();
        assertThat(g.projectProperty().get()).isEqualTo("acme/pipelines");
        assertThat(g.variables()).extracting(v -> v.key() + "@" + v.environmentScope())
                .contains("WIF_PROVIDER@*", "WIF_SERVICE_ACCOUNT@*", "WIF_SERVICE_ACCOUNT@production");
        assertThat(g.variables()).filteredOn(v -> v.key().equals("WIF_SERVICE_ACCOUNT") && v.environmentScope().equals("production"))
                .singleElement().satisfies(v -> assertThat(v.value()).startsWith("gitlab-dataflow-production@"));
        g.projectProperty().set("");
        assertThat(g.validProperty().get()).isFalse();
        assertThat(g.problems()).anySatisfy(m -> assertThat(m).startsWith("gitlab.project:"));
    }

    @Test
    void reviewShowsThePlanAndChangesNothingUntilApplyThenASecondWalkHasNoChanges() {
        nextTo(SetupStep.REVIEW);
        ReviewStepViewModel r = wizard.review();
        assertThat(r.steps()).extracting(SetupReview.Row::id).containsExactly("pool", "provider", "variables");
        assertThat(r.findings()).hasSize(1);
        assertThat(r.statusProperty().get()).isEqualTo("3 changes planned.");
        assertThat(service.ran).as("review changes nothing").isEmpty();
        assertThat(wizard.canGoNextProperty().get()).as("no Next on review: Apply confirms").isFalse();
        assertThat(service.planned.get(0)).isEqualTo(wizard.spec());
        assertThat(new SpecValidator(new CelEngine()).problems(wizard.spec())).isEmpty();

        wizard.applyReviewed();
        assertThat(wizard.currentProperty().get()).isEqualTo(SetupStep.APPLY);
        ApplyStepViewModel a = wizard.apply();
        assertThat(service.ran).containsExactly("pool", "provider", "variables");
        assertThat(a.lines()).extracting(dev.wifdesk.ui.common.StepLines.Line::status).containsOnly(dev.wifdesk.ui.common.StepLines.Status.DONE);
        assertThat(a.resultProperty().get()).isEqualTo("Done: 3 created or updated, 0 already so.");
        assertThat(a.succeededProperty().get()).isTrue();
        a.verifyNow();
        assertThat(navigator.current().get()).isEqualTo(View.VERIFY);

        // a second walk over the same state: no changes, nothing to apply
        wizard.back();
        wizard.review().plan();
        assertThat(wizard.review().noChangesProperty().get()).isTrue();
        assertThat(wizard.review().statusProperty().get()).isEqualTo(messages.get("setup.review.noChanges"));
        assertThat(wizard.review().canApply()).isFalse();
    }

    @Test
    void aFailedStepIsNamedWithItsOneLineReasonAndTheRestAreSkipped() {
        service.failing = "provider";
        nextTo(SetupStep.REVIEW);
        wizard.applyReviewed();
        ApplyStepViewModel a = wizard.apply();
        assertThat(a.lines()).extracting(dev.wifdesk.ui.common.StepLines.Line::status).containsExactly(dev.wifdesk.ui.common.StepLines.Status.DONE,
                dev.wifdesk.ui.common.StepLines.Status.FAILED, dev.wifdesk.ui.common.StepLines.Status.SKIPPED);
        assertThat(a.lines().get(1).detail()).isEqualTo("409 ALREADY_EXISTS: Requested entity already exists");
        assertThat(a.resultProperty().get()).startsWith("Apply stopped: 409 ALREADY_EXISTS");
        assertThat(a.succeededProperty().get()).isFalse();
    }

    @Test
    void cancelStopsBetweenStepsTheRestAreSkippedAndTheResultSaysToApplyAgain() {
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        UiExecutor cancellable = new UiExecutor() {
            @Override
            public <T> Running run(dev.wifdesk.ui.core.Work<T> work) {
                work.runHere(work.captureContext(), new dev.wifdesk.ui.core.Work.Progress() {
                    @Override
                    public void update(double fraction, String message) {
                        work.progress(fraction, message);
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancel.get();
                    }
                });
                return () -> cancel.set(true);
            }

            @Override
            public void close() {
            }
        };
        wizard = SetupWizardViewModel.create(service, connection, navigator, cancellable, messages, new CelEngine());
        wizard.start();
        service.afterStep = id -> cancel.set(id.equals("pool"));
        nextTo(SetupStep.REVIEW);
        wizard.applyReviewed();
        ApplyStepViewModel a = wizard.apply();
        assertThat(service.ran).containsExactly("pool");
        assertThat(a.lines()).extracting(dev.wifdesk.ui.common.StepLines.Line::status).containsExactly(dev.wifdesk.ui.common.StepLines.Status.DONE,
                dev.wifdesk.ui.common.StepLines.Status.SKIPPED, dev.wifdesk.ui.common.StepLines.Status.SKIPPED);
        assertThat(a.resultProperty().get()).isEqualTo("Cancelled after 1 of 3 steps; apply again to complete.");
        assertThat(a.succeededProperty().get()).isFalse();
        assertThat(a.runningProperty().get()).isFalse();
    }

    @Test
    void anotherTargetSendsTheWizardBackToConnectKeepingTheSpecButNotWhatWasReadOnTheOldOne() {
        nextTo(SetupStep.REVIEW);
        FederationSpec gathered = wizard.spec();
        assertThat(wizard.state().review()).isPresent();
        connection.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "acme", "me@acme.example",
                List.of(new Connection.ProjectInfo("acme-data", "123456789012", "Acme")), Optional.empty()));
        assertThat(wizard.currentProperty().get()).isEqualTo(SetupStep.CONNECT);
        assertThat(wizard.state().review()).isEmpty();
        assertThat(wizard.state().project()).isEmpty();
        assertThat(wizard.spec().gcp().pool()).isEqualTo(gathered.gcp().pool());
        assertThat(wizard.connect().targetProperty().get()).contains("me@acme.example");
        wizard.dispose();
        connection.connectionProperty().set(sandbox());
        assertThat(wizard.connect().targetProperty().get()).as("no longer followed").contains("me@acme.example");
    }

    @Test
    void aFailedProjectLookupKeepsTheStepInvalidWithTheReason() {
        connection.connectionProperty().set(new Connection(Connection.TargetKind.GOOGLE_CLOUD, "x", "me@x.example",
                List.of(new Connection.ProjectInfo("unreadable", "1", "X")), Optional.empty()));
        wizard.connect().load();
        wizard.connect().tokenProperty().set("glpat-x");
        wizard.next();
        assertThat(wizard.project().statusProperty().get()).contains("403 Forbidden");
        assertThat(wizard.project().validProperty().get()).isFalse();
        assertThat(wizard.canGoNextProperty().get()).isFalse();
    }

    @Test
    void saveWritesTheSpecTheCliReadsWithoutTheTokenAndOpenRestoresIt(@TempDir Path dir) throws Exception {
        nextTo(SetupStep.REVIEW);
        Path file = dir.resolve("spec.yaml");
        wizard.save(file);
        String yaml = Files.readString(file);
        assertThat(yaml).doesNotContain("sandbox-token").contains("project: sandbox-project", "id: gitlab-ci");
        FederationSpec read = new SpecParser(new SpecValidator(new CelEngine())).parse("spec.yaml", yaml);
        assertThat(read).isEqualTo(wizard.spec());

        SetupWizardViewModel other = SetupWizardViewModel.create(new FakeSetupService(), connection, navigator,
                UiExecutor.inline(), messages, new CelEngine());
        other.start();
        other.open(file);
        assertThat(other.spec()).isEqualTo(read);
        assertThat(other.fileStatusProperty().get()).startsWith("Opened spec.yaml");
        Files.writeString(dir.resolve("bad.yaml"), "gcp: [1]\n");
        other.open(dir.resolve("bad.yaml"));
        assertThat(other.fileStatusProperty().get()).startsWith("bad.yaml cannot be opened: gcp");
        assertThat(other.spec()).isEqualTo(read);
    }
}
