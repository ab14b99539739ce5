package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.diagnose.fix.ClaimsTable;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.SandboxWif;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.ui.support.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Diagnostics view model's live side against a real in-process sandbox, through the real
 * IAM, STS and IAM Credentials clients: service accounts, policy, pool and issuer keys feed the
 * engine; "add the binding" is a real policy change, audited; the live exchange reports the step.
 */
class LiveDiagnosticsViewModelTest {
    private final TestServices t = new TestServices();
    private final List<String> clipboard = new ArrayList<>();
    private Sandbox sandbox;
    private SandboxWif wif;
    private AuditLog audit;
    private DiagnosticsViewModel vm;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        wif = SandboxWif.on(sandbox).createProvider(List.of(GitLabSandbox.ISSUER)).createServiceAccount();
        audit = new AuditLog(dir.resolve("audit.jsonl"));
        LiveServices live = new LiveServices(t.live.serviceAccounts(), t.live.jwks(), t.live.exchange(), t.live.failures(), audit);
        vm = OnCaller.call(() -> new DiagnosticsViewModel(new EngineDiagnosisService(new DiagnosisEngine()),
                c -> new IamProviderDirectory(c.clients().orElseThrow().iam()), t.state, UiExecutor.inline(), t.messages,
                clipboard::add, new ClaimsTable(new CelEngine()), Clock.systemUTC(), live, TestServices.bindingPlanner()));
        OnCaller.run(() -> t.state.connectionProperty().set(wif.connection()));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void diagnose(String token) {
        OnCaller.run(() -> {
            vm.tokenProperty().set(token);
            vm.diagnose();
        });
    }

    private Optional<Finding> finding(FindingCode code) {
        return vm.findings().stream().filter(f -> f.code() == code).findFirst();
    }

    private DiagnosisReport.Stage stage(String name) {
        return vm.reportProperty().get().stage(name).orElseThrow();
    }

    @Test
    void listsTheServiceAccountsAndTheirPolicyPoolAndKeysFeedTheEngine() {
        assertThat(vm.serviceAccounts()).contains(wif.serviceAccount);
        assertThat(vm.serviceAccountStatusProperty().get()).contains("sandbox-project");
        // the one user-managed account is preselected; the Compute default never is
        assertThat(vm.serviceAccounts()).anyMatch(ProviderPickerViewModel::isGoogleManagedDefault);
        assertThat(vm.serviceAccountProperty().get()).isEqualTo(wif.serviceAccount);
        OnCaller.run(() -> vm.serviceAccountProperty().set(wif.serviceAccount));
        diagnose(wif.mintToken(GitLabSandbox.ISSUER));

        assertThat(vm.inputMessageProperty().get()).isEmpty();
        assertThat(vm.liveNoteProperty().get()).isEmpty();
        // the issuer's JWKS was fetched (discovery -> jwks_uri on the sandbox GitLab): the signature is checked
        assertThat(stage("token").detail()).contains("signature verified");
        assertThat(stage("pool").status()).isEqualTo(DiagnosisReport.Status.PASS);
        assertThat(stage("binding").status()).isEqualTo(DiagnosisReport.Status.FAIL);
        assertThat(finding(FindingCode.BINDING_MISSING)).isPresent();
    }

    @Test
    void aTokenSignedByAnotherKeyFailsTheSignatureCheckAgainstTheFetchedKeys() {
        String forged = new TestTokens().gitlabToken(GitLabSandbox.ISSUER, GitLabSandbox.ISSUER, Instant.now());
        diagnose(forged);
        assertThat(finding(FindingCode.TOKEN_KEY_NOT_FOUND)).isPresent();
        assertThat(finding(FindingCode.TOKEN_KEY_NOT_FOUND).get().evidence()).containsEntry("jwksKids", sandbox.gitlab().keyId());
    }

    @Test
    void addTheBindingKeepsTheOtherBindingsIsAuditedAndTheBindingStagePasses() throws Exception {
        OnCaller.run(() -> vm.serviceAccountProperty().set(wif.serviceAccount));
        String token = wif.mintToken(GitLabSandbox.ISSUER);
        diagnose(token);
        Finding missing = finding(FindingCode.BINDING_MISSING).orElseThrow();

        PolicyChange change = vm.proposeBindingFix(missing).orElseThrow();
        assertThat(change).isEqualTo(new PolicyChange(wif.saResource, "roles/iam.workloadIdentityUser",
                wif.projectPathMember(), true));
        assertThat(change.describe()).isEqualTo("+ roles/iam.workloadIdentityUser " + wif.projectPathMember()
                + " on " + wif.saResource);
        OnCaller.run(() -> vm.applyBindingFix(change));

        List<Binding> bindings = wif.policy().getBindings();
        assertThat(bindings).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/iam.workloadIdentityUser");
            assertThat(b.getMembers()).contains(wif.projectPathMember());
        });
        assertThat(bindings).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo(SandboxWif.EXISTING_ROLE);
            assertThat(b.getMembers()).isEqualTo(SandboxWif.EXISTING_MEMBERS);
        });
        assertThat(stage("binding").status()).isEqualTo(DiagnosisReport.Status.PASS);
        assertThat(finding(FindingCode.BINDING_MISSING)).isEmpty();

        List<AuditEntry> entries = audit.read();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).actor()).isEqualTo("operator@wifdesk-sandbox.example");
        assertThat(entries.get(0).resource()).isEqualTo(wif.saResource);
        assertThat(entries.get(0).result()).isEqualTo("ok");
        assertThat(entries.get(0).detail()).isEqualTo(change.describe());
        assertThat(Files.readString(audit.file())).doesNotContain(token).doesNotContain(token.substring(10, 40));
    }

    @Test
    void noBindingFixWithoutAServiceAccountOrForOtherCodes() {
        OnCaller.run(() -> vm.serviceAccountProperty().set(""));
        diagnose(wif.mintToken(GitLabSandbox.ISSUER));
        assertThat(stage("binding").status()).isEqualTo(DiagnosisReport.Status.SKIPPED);
        Finding other = new Finding(FindingCode.AUDIENCE_TYPO, dev.wifdesk.model.Severity.ERROR, "m", "f", java.util.Map.of());
        assertThat(vm.proposeBindingFix(other)).isEmpty();
    }

    @Test
    void aTypedServiceAccountThatDoesNotExistBecomesANoteAndTheBindingStageIsSkipped() {
        OnCaller.run(() -> vm.serviceAccountProperty().set("nobody@sandbox-project.iam.gserviceaccount.com"));
        diagnose(wif.mintToken(GitLabSandbox.ISSUER));
        assertThat(vm.liveNoteProperty().get()).startsWith("The IAM policy of nobody@sandbox-project.iam.gserviceaccount.com "
                + "could not be read (404");
        assertThat(stage("binding").status()).isEqualTo(DiagnosisReport.Status.SKIPPED);
    }

    @Test
    void liveExchangeReportsTheStsStepWithTheServerTextThenSucceedsAfterTheFixes() throws Exception {
        OnCaller.run(() -> vm.serviceAccountProperty().set(wif.serviceAccount));
        String typo = GitLabSandbox.ISSUER + "/";
        String token = wif.mintToken(typo);
        OnCaller.run(() -> vm.tokenProperty().set(token));
        assertThat(vm.exchangeAvailableProperty().get()).isTrue();
        assertThat(vm.exchangeAudience()).isEqualTo("//iam.googleapis.com/" + wif.providerName);
        assertThat(vm.exchangeTarget()).isEqualTo("the sandbox");

        OnCaller.run(vm::liveExchange);
        assertThat(vm.exchangeFailedProperty().get()).isTrue();
        assertThat(vm.exchangeResultProperty().get()).startsWith("Failed at step 1, STS token exchange (HTTP 400): ")
                .contains(ErrorTexts.audienceMismatch(typo));
        assertThat(vm.errorTextProperty().get()).contains(ErrorTexts.audienceMismatch(typo));
        assertThat(vm.findings()).anyMatch(f -> f.code().name().startsWith("AUDIENCE_"));
        assertThat(stage("error-text").status()).isEqualTo(DiagnosisReport.Status.FAIL);

        // fix the audience (provider patch) and the binding (policy change), both through the screen's fixes
        Finding audience = vm.findings().stream().filter(f -> f.code().name().startsWith("AUDIENCE_"))
                .filter(f -> vm.proposeFix(f).isPresent()).findFirst().orElseThrow();
        OnCaller.run(() -> vm.applyFix(vm.proposeFix(audience).orElseThrow()));
        OnCaller.run(() -> vm.applyBindingFix(vm.proposeBindingFix(finding(FindingCode.BINDING_MISSING).orElseThrow()).orElseThrow()));

        OnCaller.run(vm::liveExchange);
        assertThat(vm.exchangeFailedProperty().get()).as(vm.exchangeResultProperty().get()).isFalse();
        assertThat(vm.exchangeResultProperty().get()).startsWith("Exchange succeeded").contains(wif.serviceAccount)
                .containsPattern("expires at 20\\d\\d-\\d\\d-\\d\\dT");
        assertThat(vm.errorTextProperty().get()).isEmpty();
        assertThat(vm.reportProperty().get().passed()).as(vm.findings().toString()).isTrue();
        assertThat(audit.read()).extracting(AuditEntry::action)
                .containsExactly("patch provider (" + audience.code() + ")", "add IAM binding");
        assertThat(t.log.asText()).doesNotContain(token.substring(10, 40));
    }

    @Test
    void aRefusedPolicyChangeIsAuditedAsFailedAndShownInline() throws Exception {
        String missingSa = "projects/sandbox-project/serviceAccounts/gone@sandbox-project.iam.gserviceaccount.com";
        OnCaller.run(() -> vm.applyBindingFix(new PolicyChange(missingSa, "roles/iam.workloadIdentityUser", wif.projectPathMember(), true)));
        assertThat(vm.inputMessageProperty().get()).startsWith("The service account policy could not be changed: 404");
        assertThat(audit.read()).singleElement().satisfies(e -> {
            assertThat(e.resource()).isEqualTo(missingSa);
            assertThat(e.result()).startsWith("failed: 404");
        });
    }

    @Test
    void liveExchangeNeedsALiveProviderAServiceAccountAndAToken() {
        OnCaller.run(() -> vm.serviceAccountProperty().set(wif.serviceAccount));
        assertThat(vm.exchangeAvailableProperty().get()).isFalse(); // no token yet
        OnCaller.run(() -> vm.tokenProperty().set(wif.mintToken(GitLabSandbox.ISSUER)));
        assertThat(vm.exchangeAvailableProperty().get()).isTrue();
        OnCaller.run(() -> vm.providerSourceProperty().set(DiagnosticsSession.ProviderSource.JSON));
        assertThat(vm.exchangeAvailableProperty().get()).isFalse();
        OnCaller.run(() -> {
            vm.providerSourceProperty().set(DiagnosticsSession.ProviderSource.LIVE);
            vm.serviceAccountProperty().set(" ");
        });
        assertThat(vm.exchangeAvailableProperty().get()).isFalse();
        OnCaller.run(vm::liveExchange);
        assertThat(vm.inputMessageProperty().get()).startsWith("Live exchange needs a connection");
    }
}
