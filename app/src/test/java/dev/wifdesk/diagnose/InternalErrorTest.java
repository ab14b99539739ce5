package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import org.junit.jupiter.api.Test;

/** A crash inside the engine is its own finding the user can report, never a verdict on the input. */
class InternalErrorTest {
    private static final TestTokens ISSUER = new TestTokens("gitlab-key-1");

    private static DiagnosisInput.Builder healthy() {
        return DiagnosisInput.builder()
                .token(ISSUER.sign(Fixtures.claims("main-protected")))
                .jwksJson(ISSUER.jwks())
                .provider(Fixtures.provider())
                .pool(PoolInfo.fromJson(Fixtures.text("pool-active.json")))
                .policy(IamPolicy.fromJson(Fixtures.text("policy-ok.json")))
                .now(Fixtures.NOW);
    }

    @Test
    void aStageThatCrashesGivesAnInternalErrorNamingTheStageAndTheException() {
        DiagnosisEngine engine = CrashingEngines.stageThrows(Stage.CONDITION,
                new IllegalStateException("cel walk lost its way\n\tat dev.wifdesk.cel.Somewhere(Somewhere.java:1)"));

        Diagnosis d = engine.diagnose(healthy().build());

        Finding f = d.finding(FindingCode.INTERNAL_ERROR).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).isEqualTo("WIF Desk failed inside its condition check (java.lang.IllegalStateException: "
                + "cel walk lost its way). This is a bug in WIF Desk, not a verdict on your input.");
        assertThat(f.evidence()).containsEntry("stage", "condition").containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("detail", "cel walk lost its way");
        assertThat(f.fix()).startsWith("Report it");
        assertThat(d.verdict()).isEqualTo("fail");
        // the crash is not passed off as a finding about the input, and the other stages still ran
        assertThat(d.findings()).extracting(Finding::code).containsExactly(FindingCode.INTERNAL_ERROR);
        assertThat(d.stage(Stage.CONDITION).orElseThrow().status()).isEqualTo(StageResult.Status.SKIPPED);
        assertThat(d.stage(Stage.CONDITION).orElseThrow().detail()).isEqualTo("internal error: IllegalStateException");
        assertThat(d.stage(Stage.BINDING).orElseThrow().status()).isEqualTo(StageResult.Status.PASS);
        assertThat(new DiagnosisText().write(d) + new DiagnosisJson().write(d)).doesNotContain("\tat ").doesNotContain("Somewhere");
    }

    @Test
    void aTokenStageCrashIsNotReportedAsAMalformedToken() {
        Diagnosis d = CrashingEngines.stageThrows(Stage.TOKEN, new NullPointerException()).diagnose(healthy().build());

        assertThat(d.has(FindingCode.TOKEN_MALFORMED)).isFalse();
        Finding f = d.finding(FindingCode.INTERNAL_ERROR).orElseThrow();
        assertThat(f.message()).contains("inside its token check (java.lang.NullPointerException)");
        assertThat(f.evidence()).containsEntry("detail", "");
    }

    @Test
    void aCatalogueCrashIsAnInternalErrorNotAnUnrecognisedText() {
        DiagnosisEngine engine = CrashingEngines.catalogueThrows(() -> {
            throw new StackOverflowError("regex too deep");
        });

        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(ErrorTexts.CONDITION_REJECTED).build());

        Finding f = d.finding(FindingCode.INTERNAL_ERROR).orElseThrow();
        assertThat(f.evidence()).containsEntry("stage", "error-catalogue");
        assertThat(f.message()).contains("inside its error-catalogue check (java.lang.StackOverflowError: regex too deep)");
        // not disguised as "no known error in the text"
        assertThat(d.has(FindingCode.ERROR_UNRECOGNIZED)).isTrue();
        assertThat(d.verdict()).isEqualTo("fail");
    }

    @Test
    void theReportedLineIsRedactedAndShort() {
        String token = ISSUER.sign(Fixtures.claims("main-protected"));
        String longTail = "x".repeat(500);
        Diagnosis d = CrashingEngines.stageThrows(Stage.MAPPING, new IllegalArgumentException("bad token " + token + " " + longTail))
                .diagnose(healthy().build());

        Finding f = d.finding(FindingCode.INTERNAL_ERROR).orElseThrow();
        String detail = f.evidence().get("detail");
        assertThat(detail).startsWith("bad token eyJ****").hasSize(InternalFailure.MAX_LINE).endsWith("…");
        assertThat(f.message()).doesNotContain(token.substring(3, 40));
    }

    @Test
    void theStandardEngineHasNoInternalErrorOnAHealthySetup() {
        CrashingEngines.assertNoInternalError(new DiagnosisEngine().diagnose(healthy().errorText(ErrorTexts.SIGNATURE_INVALID).build()));
    }
}
