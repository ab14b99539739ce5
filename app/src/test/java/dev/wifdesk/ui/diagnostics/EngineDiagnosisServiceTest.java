package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.ProviderChange;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.ui.support.TestTokens;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The screen's view model on the real DiagnosisEngine (pure: no network), with the UI's provider double. */
class EngineDiagnosisServiceTest {
    private static final String PROVIDER = DiagnosticsViewModelTest.PROVIDER;
    private static final String ISSUER = "https://gitlab.com";

    private final TestServices t = new TestServices();
    private final TestTokens tokens = new TestTokens();
    private final EngineDiagnosisService engine = new EngineDiagnosisService(new DiagnosisEngine());

    @Test
    void mapsStagesWithTheirWireNamesAndPassesTheProviderThrough() {
        WorkloadIdentityPoolProvider p = InMemoryProviders.gitlabProvider(PROVIDER, ISSUER, List.of(ISSUER));
        DiagnosisReport r = engine.diagnose(new DiagnosisRequest(tokens.gitlabToken(ISSUER, ISSUER, TestServices.NOW), "",
                Optional.of(p), "428617359021", TestServices.NOW));
        assertThat(r.stages()).extracting(DiagnosisReport.Stage::name)
                .containsExactly("token", "issuer", "audience", "mapping", "condition", "pool", "binding", "error-text", "ci-config");
        assertThat(r.stage("audience").orElseThrow().status()).isEqualTo(DiagnosisReport.Status.PASS);
        assertThat(r.stage("condition").orElseThrow().status()).isEqualTo(DiagnosisReport.Status.PASS);
        assertThat(r.passed()).isTrue();
    }

    @Test
    void garbageAndErrorTextOnlyStillProduceAReport() {
        DiagnosisReport r = engine.diagnose(new DiagnosisRequest("garbage", "", Optional.empty(), "", TestServices.NOW));
        assertThat(r.findings()).extracting(Finding::code).contains(FindingCode.TOKEN_MALFORMED);
        DiagnosisReport e = engine.diagnose(new DiagnosisRequest("", "ERROR: The given credential is rejected by the "
                + "attribute condition.", Optional.empty(), "", TestServices.NOW));
        assertThat(e.stage("error-text").orElseThrow().status()).isEqualTo(DiagnosisReport.Status.FAIL);
        assertThat(e.findings()).extracting(Finding::code).contains(FindingCode.CONDITION_REJECTED);
    }

    @Test
    void conditionBoolAsStringFixIsAppliedAndTheConditionThenPasses() {
        InMemoryProviders providers = new InMemoryProviders().add(InMemoryProviders.gitlabProvider(PROVIDER, ISSUER, List.of(ISSUER))
                .setAttributeCondition("assertion.namespace_path == \"acme\" && assertion.ref_protected == true"));
        List<String> clipboard = new ArrayList<>();
        DiagnosticsViewModel vm = OnCaller.call(() -> new DiagnosticsViewModel(engine, c -> providers, t.state,
                UiExecutor.inline(), t.messages, clipboard::add, new ClaimsTable(new CelEngine()),
                Clock.fixed(TestServices.NOW, ZoneOffset.UTC), t.live, TestServices.bindingPlanner()));
        OnCaller.run(() -> t.state.connectionProperty().set(TestServices.sandboxConnection()));
        OnCaller.run(() -> {
            vm.tokenProperty().set(tokens.gitlabToken(ISSUER, ISSUER, TestServices.NOW));
            vm.diagnose();
        });
        Finding bool = vm.findings().stream().filter(f -> f.code() == FindingCode.CONDITION_BOOL_AS_STRING).findFirst()
                .orElseThrow();
        ProviderChange change = OnCaller.call(() -> vm.proposeFix(bool)).orElseThrow();
        assertThat(change.updateMask()).isEqualTo("attributeCondition");
        assertThat(change.after()).isEqualTo("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"");

        OnCaller.run(() -> vm.applyFix(change));

        assertThat(providers.providers.get(PROVIDER).getAttributeCondition()).isEqualTo(change.after());
        assertThat(vm.stages()).filteredOn(s -> s.name().equals("condition")).singleElement()
                .extracting(DiagnosisReport.Stage::status).isEqualTo(DiagnosisReport.Status.PASS);
        assertThat(vm.findings()).extracting(Finding::code).doesNotContain(FindingCode.CONDITION_BOOL_AS_STRING);
    }
}
