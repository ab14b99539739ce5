package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import org.junit.jupiter.api.Test;

/** What the condition stage says, exactly, in each of its outcomes. */
class ConditionStageEdgesTest {
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private Diagnosis withClaims(String claims, String condition) {
        return engine.diagnose(Fixtures.input(Fixtures.claims(claims)).provider(Fixtures.provider("attributeCondition", condition)).build());
    }

    private Diagnosis providerOnly(String condition, String errorText) {
        DiagnosisInput.Builder b = DiagnosisInput.builder().provider(Fixtures.provider("attributeCondition", condition));
        if (errorText != null) {
            b.errorText(errorText);
        }
        return engine.diagnose(b.build());
    }

    private static StageResult condition(Diagnosis d) {
        return d.stage(Stage.CONDITION).orElseThrow();
    }

    @Test
    void withoutAProviderOnlyTheErrorTextCanSpeak() {
        Diagnosis none = engine.diagnose(DiagnosisInput.builder().claims(Fixtures.claims("main-protected")).now(Fixtures.NOW).build());
        assertThat(condition(none)).isEqualTo(StageResult.skipped(Stage.CONDITION, "provider unknown"));

        Diagnosis said = engine.diagnose(DiagnosisInput.builder().errorText(ErrorTexts.CONDITION_REJECTED).build());
        assertThat(condition(said)).isEqualTo(StageResult.fail(Stage.CONDITION, "error text: the condition rejected the token"));
        Finding f = said.finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(f.message()).startsWith("STS says the attribute condition rejected the token. Usual causes:");
        assertThat(f.evidence()).containsEntry("catalogue", "#2").doesNotContainKey("condition");
    }

    @Test
    void aKnownConditionWithoutClaimsIsNamedWhenStsRejected() {
        String cond = "assertion.namespace_path == \"acme\"";
        Diagnosis d = providerOnly(cond, ErrorTexts.CONDITION_REJECTED);
        assertThat(condition(d)).isEqualTo(StageResult.fail(Stage.CONDITION, "error text: the condition rejected the token"));
        Finding f = d.finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(f.message()).startsWith("STS says the attribute condition (" + cond + ") rejected the token.");
        assertThat(f.evidence()).containsEntry("condition", cond);

        assertThat(condition(providerOnly(cond, null)))
                .isEqualTo(StageResult.skipped(Stage.CONDITION, "no claims: condition compiles, not evaluated"));
        assertThat(condition(providerOnly("assertion.ref_protected == true", null)))
                .isEqualTo(StageResult.fail(Stage.CONDITION, "the condition cannot match GitLab tokens"));
        assertThat(condition(providerOnly("attribute.environment == \"prod\"", null)))
                .isEqualTo(StageResult.fail(Stage.CONDITION, "the condition cannot match GitLab tokens"));
    }

    @Test
    void noConditionPassesAndTheWarningCarriesTheSuggestion() {
        Diagnosis d = withClaims("main-protected", null);
        assertThat(condition(d)).isEqualTo(StageResult.pass(Stage.CONDITION, "no attribute condition"));
        Finding f = d.finding(FindingCode.CONDITION_MISSING).orElseThrow();
        assertThat(f.evidence()).containsEntry("issuer", "https://gitlab.com")
                .containsEntry("suggestedCondition", "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"");
        assertThat(f.message()).contains("multi-tenant issuer https://gitlab.com");
        // without claims the group is a placeholder
        assertThat(providerOnly(null, null).finding(FindingCode.CONDITION_MISSING).orElseThrow().evidence())
                .containsEntry("suggestedCondition", "assertion.namespace_path == \"YOUR_GROUP\" && assertion.ref_protected == \"true\"");
    }

    @Test
    void aTrueConditionPassesAndStaticProblemsAreThenOnlyWarnings() {
        Diagnosis ok = withClaims("main-protected", "assertion.namespace_path == \"acme\"");
        assertThat(condition(ok)).isEqualTo(StageResult.pass(Stage.CONDITION, "condition is true for this token"));
        assertThat(ok.findings()).isEmpty();

        // admits the token (the || side), yet one side compares with a bool literal and one reads an unmapped attribute
        Diagnosis d = withClaims("main-protected",
                "assertion.namespace_path == \"acme\" || assertion.ref_protected == true || attribute.environment == \"x\"");
        assertThat(condition(d).status()).isEqualTo(StageResult.Status.PASS);
        Finding bool = d.finding(FindingCode.CONDITION_BOOL_AS_STRING).orElseThrow();
        assertThat(bool.severity()).isEqualTo(Severity.WARNING);
        assertThat(bool.evidence()).containsEntry("actual", "\"true\" (string)").containsEntry("expression", "assertion.ref_protected == true");
        Finding unmapped = d.finding(FindingCode.CONDITION_UNMAPPED_ATTRIBUTE).orElseThrow();
        assertThat(unmapped.severity()).isEqualTo(Severity.WARNING);
        assertThat(unmapped.message()).startsWith("The condition reads attribute.environment, which the attribute mapping does not define");
        assertThat(unmapped.evidence().get("mapped").split(",")).containsExactlyInAnyOrder("project_id", "project_path",
                "namespace_path", "ref", "ref_protected");
    }

    @Test
    void aFalseConditionNamesItsFalsePartsInTheDetailAndEvidence() {
        String cond = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"";
        Diagnosis d = withClaims("feature-unprotected", cond);
        assertThat(condition(d)).isEqualTo(StageResult.fail(Stage.CONDITION, "condition is false: assertion.ref_protected == \"true\""));
        Finding f = d.finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(f.message()).isEqualTo("The attribute condition is false for this token: 'assertion.ref_protected == \"true\"' "
                + "is false (assertion.ref_protected = \"false\" (string)).");
        assertThat(f.evidence()).containsEntry("falseParts", "assertion.ref_protected == \"true\"")
                .doesNotContainKey("missingClaims").doesNotContainKey("catalogue");
        assertThat(f.fix()).startsWith("Run the job where the condition admits it");
    }

    @Test
    void anAbsentEnvironmentClaimIsNamedWithTheFix() {
        Diagnosis d = withClaims("main-protected", "assertion.environment == \"production\"");
        Finding f = d.findings().stream().filter(x -> x.code() == FindingCode.CONDITION_REJECTED || x.code() == FindingCode.CONDITION_ERROR)
                .findFirst().orElseThrow();
        assertThat(f.evidence()).containsEntry("missingClaims", "environment");
        assertThat(f.fix()).startsWith("Add 'environment: NAME' to the job");
    }

    @Test
    void aForkMergeRequestIsToldApartFromOtherRejections() {
        Diagnosis fork = withClaims("fork-mr", "assertion.project_path == \"acme/pipelines\"");
        Finding f = fork.finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(f.fix()).startsWith("Run the job in the parent project (not the fork)");
        assertThat(f.message()).contains("not the parent's (acme/pipelines)");

        // the same fork pipeline rejected on a part that is not about the project is not called a fork problem
        Diagnosis notAboutProject = withClaims("fork-mr", "assertion.ref == \"no-such-ref\"");
        Finding g = notAboutProject.finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(g.message()).doesNotContain("fork merge request");
        assertThat(g.fix()).startsWith("Run the job where the condition admits it");
    }

    @Test
    void theErrorTextIsCitedWhenItAgrees() {
        String cond = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"";
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("feature-unprotected"))
                .provider(Fixtures.provider("attributeCondition", cond)).errorText(ErrorTexts.CONDITION_REJECTED).build());
        assertThat(d.findings()).filteredOn(x -> x.code() == FindingCode.CONDITION_REJECTED).singleElement()
                .satisfies(x -> assertThat(x.evidence()).containsEntry("catalogue", "#2"));
    }

    @Test
    void anEvaluationErrorIsAConditionErrorInTheDetail() {
        Diagnosis d = withClaims("main-protected", "assertion.project_id + 1 > 0");
        assertThat(condition(d).detail()).startsWith("condition fails: ");
        assertThat(d.finding(FindingCode.CONDITION_ERROR).orElseThrow().message())
                .startsWith("The attribute condition fails to evaluate for this token (STS rejects it): ");
    }

    @Test
    void tenantScopingIsReadFromAssertionsOrAttributes() {
        assertThat(scopes("assertion.namespace_path == \"acme\"")).isTrue();
        assertThat(scopes("attribute.project_path == \"acme/x\"")).isTrue();
        assertThat(scopes("assertion.ref_protected == \"true\"")).isFalse();
        assertThat(scopes("assertion.ref ==")).isFalse();
        assertThat(scopes(null)).isFalse();
        assertThat(scopes(" ")).isFalse();
    }

    private static boolean scopes(String condition) {
        var ctx = new DiagnosisContext(DiagnosisInput.builder().provider(Fixtures.provider("attributeCondition", condition)).build(),
                Fixtures.NOW, new dev.wifdesk.cel.FederationEvaluator(new dev.wifdesk.cel.CelEngine()), java.util.List.of());
        return ConditionStage.scopesTenant(ctx);
    }
}
