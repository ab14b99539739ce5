package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.cloud.ProviderDirectory;
import dev.wifdesk.diagnose.fix.ClaimRow;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.ProviderChange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.log.ActivityLog;
import dev.wifdesk.ui.log.ActivityLogAppender;
import dev.wifdesk.ui.support.AudienceOnlyEngine;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.ui.support.TestTokens;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiagnosticsViewModelTest {
    static final String PROVIDER = "projects/428617359021/locations/global/workloadIdentityPools/gitlab/providers/gitlab-com";
    static final String ISSUER = "https://gitlab.com";

    private final TestServices t = new TestServices();
    private final AudienceOnlyEngine engine = new AudienceOnlyEngine();
    private final InMemoryProviders providers = new InMemoryProviders()
            .add(InMemoryProviders.gitlabProvider(PROVIDER, ISSUER, List.of("https://gitlab.com")));
    private final List<String> clipboard = new ArrayList<>();
    private final TestTokens tokens = new TestTokens();
    private DiagnosticsViewModel vm;

    @BeforeEach
    void setUp() {
        vm = OnCaller.call(() -> new DiagnosticsViewModel(engine, c -> providers, t.state, UiExecutor.inline(), t.messages,
                clipboard::add, new ClaimsTable(new CelEngine()), Clock.fixed(TestServices.NOW, ZoneOffset.UTC), t.live, TestServices.bindingPlanner()));
        OnCaller.run(() -> t.state.connectionProperty().set(TestServices.sandboxConnection()));
    }

    @Test
    void listsTheConnectedProjectsProvidersAndPreselectsTheFirst() {
        assertThat(vm.providers()).extracting(ProviderChoice::label).containsExactly("gitlab / gitlab-com");
        assertThat(vm.selectedProviderProperty().get().name()).isEqualTo(PROVIDER);
        assertThat(vm.providerStatusProperty().get()).isEqualTo("1 provider in sandbox-project");
    }

    @Test
    void emptyInputAsksForATokenOrErrorTextWithoutRunning() {
        OnCaller.run(vm::diagnose);
        assertThat(vm.inputMessageProperty().get()).contains("Paste a token, an error text, or both");
        assertThat(engine.requests).isEmpty();
    }

    @Test
    void aTenMegabytePasteIsRefusedWithTheFieldAndTheLimit() {
        boolean accepted = OnCaller.call(() -> vm.acceptInput("diag.token", InputLimits.TOKEN_MAX_CHARS, 10L * 1024 * 1024));
        assertThat(accepted).isFalse();
        assertThat(vm.inputMessageProperty().get())
                .isEqualTo("ID token: 10,485,760 characters is over the limit of 65,536. Paste only the token or the relevant error lines.");
    }

    @Test
    void aDroppedFileIsReadIntoItsFieldAndAHugeOneIsRefusedUnread(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path small = java.nio.file.Files.writeString(dir.resolve("error.log"),
                "The given credential is rejected by the attribute condition.");
        OnCaller.run(() -> vm.loadDroppedFile(InputsViewModel.Field.ERROR_TEXT, small));
        assertThat(vm.errorTextProperty().get()).isEqualTo("The given credential is rejected by the attribute condition.");

        java.nio.file.Path huge = dir.resolve("token.txt");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(10L * 1024 * 1024); // sparse: 10 MB on paper, nothing written
        }
        OnCaller.run(() -> vm.loadDroppedFile(InputsViewModel.Field.TOKEN, huge));
        assertThat(vm.tokenProperty().get()).isEmpty();
        assertThat(vm.inputMessageProperty().get()).startsWith("ID token: 10,485,760 characters is over the limit");

        OnCaller.run(() -> vm.loadDroppedFile(InputsViewModel.Field.PROVIDER_JSON, dir.resolve("missing.json")));
        assertThat(vm.inputMessageProperty().get()).isEqualTo("Could not read the dropped file missing.json.");
    }

    @Test
    void invalidProviderJsonIsAnInlineMessageNotARun() {
        OnCaller.run(() -> {
            vm.tokenProperty().set("garbage");
            vm.providerSourceProperty().set(DiagnosticsSession.ProviderSource.JSON);
            vm.providerJsonProperty().set("{\"name\": \"x\"");
            vm.diagnose();
        });
        assertThat(vm.inputMessageProperty().get()).startsWith("Provider JSON: not valid JSON for a provider");
        assertThat(engine.requests).isEmpty();
    }

    @Test
    void eachProviderJsonReasonIsReadFromTheMessageBundle() {
        java.util.Map<String, String> shown = new java.util.LinkedHashMap<>();
        for (String pasted : List.of("garbage", "{\"oidc\": {}}", "{\"name\": \"x\"}")) {
            OnCaller.run(() -> {
                vm.tokenProperty().set("garbage");
                vm.providerSourceProperty().set(DiagnosticsSession.ProviderSource.JSON);
                vm.providerJsonProperty().set(pasted);
                vm.diagnose();
            });
            shown.put(pasted, vm.inputMessageProperty().get());
        }
        assertThat(shown.values()).containsExactly(
                "Provider JSON: not a JSON object (it must start with '{').",
                "Provider JSON: \"oidc.issuerUri\" is missing.",
                "Provider JSON: no \"oidc\" object: paste an OIDC provider as the IAM API returns it.");
        assertThat(engine.requests).isEmpty();
    }

    @Test
    void garbageTokenRunsAndShowsTheEnginesFindingWithAnEmptyClaimsTable() {
        OnCaller.run(() -> {
            vm.tokenProperty().set("this is not a token");
            vm.diagnose();
        });
        assertThat(vm.findings()).extracting(Finding::code).containsExactly(FindingCode.TOKEN_MALFORMED);
        assertThat(vm.claims()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.verdictProperty().get()).isEqualTo("Fail — 1 finding");
    }

    @Test
    void runsAgainstTheLiveProviderAndFillsStagesFindingsAndClaims() {
        String token = tokens.gitlabToken(ISSUER, "https://gitlab.con", TestServices.NOW);
        OnCaller.run(() -> {
            vm.tokenProperty().set(token);
            vm.errorTextProperty().set("The audience in ID Token [https://gitlab.con] does not match the expected audience.");
            vm.diagnose();
        });
        DiagnosisRequest sent = engine.requests.get(0);
        assertThat(sent.provider().orElseThrow().getName()).isEqualTo(PROVIDER);
        assertThat(sent.projectNumber()).isEqualTo("428617359021");
        assertThat(sent.now()).isEqualTo(TestServices.NOW);
        assertThat(sent.toString()).doesNotContain(token);
        assertThat(vm.stages()).extracting(DiagnosisReport.Stage::name).containsExactly("token", "audience", "binding");
        assertThat(vm.findings()).extracting(Finding::code).containsExactly(FindingCode.AUDIENCE_TYPO);
        assertThat(vm.claims()).filteredOn(r -> r.claim().equals("project_path")).singleElement()
                .extracting(ClaimRow::mappedTo).isEqualTo("attribute.project_path");
    }

    @Test
    void copyFixPutsTheFixOnTheClipboard() {
        OnCaller.run(() -> {
            vm.tokenProperty().set(tokens.gitlabToken(ISSUER, "https://gitlab.con", TestServices.NOW));
            vm.diagnose();
        });
        OnCaller.run(() -> vm.copyFix(vm.findings().get(0)));
        assertThat(clipboard).containsExactly("Add https://gitlab.con to the allowed audiences.");
        assertThat(vm.noticeProperty().get()).contains("AUDIENCE_TYPO");
    }

    @Test
    void applyFixPatchesTheProviderAndTheRerunPasses() {
        OnCaller.run(() -> {
            vm.tokenProperty().set(tokens.gitlabToken(ISSUER, "https://gitlab.con", TestServices.NOW));
            vm.diagnose();
        });
        ProviderChange change = OnCaller.call(() -> vm.proposeFix(vm.findings().get(0))).orElseThrow();
        assertThat(change.before()).isEqualTo("https://gitlab.com");
        assertThat(change.after()).isEqualTo("https://gitlab.com\nhttps://gitlab.con");

        OnCaller.run(() -> vm.applyFix(change));

        assertThat(providers.applied).containsExactly(change.patch());
        assertThat(engine.requests).hasSize(2);
        assertThat(vm.stages()).filteredOn(s -> s.name().equals("audience")).singleElement()
                .extracting(DiagnosisReport.Stage::status).isEqualTo(DiagnosisReport.Status.PASS);
        assertThat(vm.findings()).isEmpty();
        assertThat(vm.verdictProperty().get()).isEqualTo("Pass — no findings");
    }

    @Test
    void aRefusedPatchIsAnInlineMessageAndNothingIsRerun() {
        OnCaller.run(() -> {
            vm.tokenProperty().set(tokens.gitlabToken(ISSUER, "https://gitlab.con", TestServices.NOW));
            vm.diagnose();
        });
        ProviderChange change = OnCaller.call(() -> vm.proposeFix(vm.findings().get(0))).orElseThrow();
        ProviderDirectory refusing = new ProviderDirectory() {
            @Override
            public List<ProviderChoice> list(String projectId) {
                return providers.list(projectId);
            }

            @Override
            public com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider get(String name) {
                return providers.get(name);
            }

            @Override
            public void apply(dev.wifdesk.cloud.ProviderPatch c) throws java.io.IOException {
                throw new java.io.IOException("403 Permission 'iam.workloadIdentityPoolProviders.update' denied\nmore");
            }
        };
        DiagnosticsViewModel other = OnCaller.call(() -> new DiagnosticsViewModel(engine, c -> refusing, t.state,
                UiExecutor.inline(), t.messages, clipboard::add, new ClaimsTable(new CelEngine()),
                Clock.fixed(TestServices.NOW, ZoneOffset.UTC), t.live, TestServices.bindingPlanner()));
        OnCaller.run(() -> other.applyFix(change));
        assertThat(other.inputMessageProperty().get()).isEqualTo(
                "The provider could not be updated: 403 Permission 'iam.workloadIdentityPoolProviders.update' denied");
        assertThat(other.busyProperty().get()).isFalse();
        assertThat(engine.requests).hasSize(1);
    }

    @Test
    void noApplyFixForPastedProviders() {
        OnCaller.run(() -> {
            vm.tokenProperty().set(tokens.gitlabToken(ISSUER, "https://gitlab.con", TestServices.NOW));
            vm.providerSourceProperty().set(DiagnosticsSession.ProviderSource.JSON);
            vm.providerJsonProperty().set(dev.wifdesk.cloud.ProviderJson.toJson(providers.get(PROVIDER)));
            vm.diagnose();
        });
        assertThat(vm.findings()).extracting(Finding::code).containsExactly(FindingCode.AUDIENCE_TYPO);
        assertThat(OnCaller.call(() -> vm.proposeFix(vm.findings().get(0)))).isEmpty();
    }

    @Test
    void anEngineFailureIsOneLineAndTheTokenNeverReachesTheLog() {
        ActivityLog log = new ActivityLog(100, Runnable::run);
        ActivityLogAppender appender = ActivityLogAppender.install(log);
        String token = tokens.gitlabToken(ISSUER, "https://gitlab.com", TestServices.NOW);
        try {
            DiagnosticsViewModel failing = OnCaller.call(() -> new DiagnosticsViewModel(r -> {
                throw new IllegalStateException("engine broke\n\tat somewhere.Deep(Stack.java:1)");
            }, c -> providers, t.state, UiExecutor.inline(), t.messages, clipboard::add,
                    new ClaimsTable(new CelEngine()), Clock.systemUTC(), t.live, TestServices.bindingPlanner()));
            OnCaller.run(() -> {
                failing.tokenProperty().set(token);
                failing.diagnose();
            });
            assertThat(failing.inputMessageProperty().get()).isEqualTo("The diagnosis could not run: engine broke");
            assertThat(failing.busyProperty().get()).isFalse();
            OnCaller.run(() -> {
                vm.tokenProperty().set(token);
                vm.diagnose();
            });
        } finally {
            appender.uninstall();
        }
        assertThat(log.entries()).isNotEmpty();
        String everything = log.asText();
        assertThat(everything).contains("Diagnosis ran").doesNotContain(token.substring(10, 40));
    }
}
