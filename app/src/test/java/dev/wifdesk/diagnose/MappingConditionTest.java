package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.ConditionResult;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MappingConditionTest {
    private final FederationEvaluator evaluator = new FederationEvaluator(new CelEngine());
    private final DiagnosisEngine engine = new DiagnosisEngine(evaluator, java.time.Clock.systemUTC());

    private Diagnosis run(String claims, String field, Object value) {
        return engine.diagnose(Fixtures.input(Fixtures.claims(claims)).provider(Fixtures.provider(field, value)).build());
    }

    private static Map<String, String> mapping(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void mappingWithoutSubject() {
        Diagnosis d = run("main-protected", "attributeMapping", mapping("attribute.project_path", "assertion.project_path"));
        Finding f = d.finding(FindingCode.MAPPING_MISSING_SUBJECT).orElseThrow();
        assertThat(f.fix()).contains("--attribute-mapping='google.subject=assertion.sub,attribute.project_path=assertion.project_path'");
        // without claims the provider alone shows it too
        Diagnosis staticOnly = engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider("attributeMapping",
                mapping("attribute.project_path", "assertion.project_path"))).build());
        assertThat(staticOnly.has(FindingCode.MAPPING_MISSING_SUBJECT)).isTrue();
    }

    @Test
    void mappingThatDoesNotCompileNamesThePosition() {
        Diagnosis d = run("main-protected", "attributeMapping", mapping("google.subject", "assertion.sub +"));
        Finding f = d.finding(FindingCode.MAPPING_EXPRESSION_ERROR).orElseThrow();
        assertThat(f.message()).contains("line 1, column");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void mappingReadingAMisspelledClaimSuggestsTheRealOne() {
        Diagnosis d = run("main-protected", "attributeMapping", mapping("google.subject", "assertion.sub",
                "attribute.project_path", "assertion.project_pth"));
        Finding f = d.finding(FindingCode.MAPPING_CLAIM_MISSING).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.fix()).contains("did you mean assertion.project_path");
    }

    @Test
    void subjectFromAMissingEnvironmentClaimIsFatalAndExplained() {
        Diagnosis d = run("main-protected", "attributeMapping", mapping("google.subject",
                "assertion.project_path + \":\" + assertion.environment"));
        Finding f = d.finding(FindingCode.MAPPING_CLAIM_MISSING).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("environment:");
        assertThat(f.evidence()).containsEntry("missingClaims", "environment");
        assertThat(run("deploy-production", "attributeMapping", mapping("google.subject",
                "assertion.project_path + \":\" + assertion.environment")).has(FindingCode.MAPPING_CLAIM_MISSING)).isFalse();
    }

    @Test
    void subjectOver127BytesOnDeepGroupsAndLongBranches() {
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("deep-group-long-branch")).build());
        Finding f = d.finding(FindingCode.MAPPING_SUBJECT_TOO_LONG).orElseThrow();
        assertThat(f.message()).contains("196 bytes");
        String shorter = f.evidence().get("shorterSubject");
        assertThat(shorter).isEqualTo("55123:feature/JIRA-12345-migrate-wordcount-to-flex-templates-and-workload-identity");
        assertThat(shorter.length()).isLessThanOrEqualTo(127);
        assertThat(f.fix()).contains("google.subject=assertion.project_id + \":\" + assertion.ref");
    }

    @Test
    void subjectThatIsNotAString() {
        Diagnosis d = run("main-protected", "attributeMapping", mapping("google.subject", "assertion.runner_id"));
        Finding f = d.finding(FindingCode.MAPPING_NOT_STRING).orElseThrow();
        assertThat(f.message()).contains("int");
        assertThat(f.fix()).contains("google.subject=string(assertion.runner_id)");
        // the suggested mapping really gives a string
        assertThat(evaluator.map(mapping("google.subject", "string(assertion.runner_id)"), Fixtures.claims("main-protected"))
                .subject()).contains("12270837");
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("feature-unprotected", "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"",
                        "'assertion.ref_protected == \"true\"' is false (assertion.ref_protected = \"false\" (string))"),
                Arguments.of("tag-release", "assertion.ref_type == \"branch\" && assertion.ref == \"main\"",
                        "'assertion.ref_type == \"branch\"' is false (assertion.ref_type = \"tag\" (string))"),
                Arguments.of("main-protected", "assertion.namespace_path == \"Acme\"",
                        "'Acme' and the token's 'acme' differ only in case"),
                Arguments.of("main-protected", "assertion.project_path == \"acme/pipelines\" && assertion.environment == \"production\"",
                        "environment claims exist only when the job declares 'environment:'"),
                Arguments.of("fork-mr", "assertion.project_path == \"acme/pipelines\"",
                        "fork merge request pipeline: project_path/project_id are the fork's (jdoe/pipelines)"),
                Arguments.of("deploy-production", "assertion.environment == \"production\" && (assertion.user_login == \"ops\" || assertion.user_access_level == \"owner\")",
                        "'assertion.user_login == \"ops\"' is false (assertion.user_login = \"jdoe\" (string))"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejections")
    void falseConditionNamesTheFalseSubExpressionAndValues(String claims, String condition, String explanation) {
        Diagnosis d = run(claims, "attributeCondition", condition);
        Finding f = d.findings().stream().filter(x -> x.code() == FindingCode.CONDITION_REJECTED
                || x.code() == FindingCode.CONDITION_ERROR).findFirst().orElseThrow();
        assertThat(f.message()).contains(explanation);
        assertThat(f.evidence()).containsEntry("condition", condition);
        assertThat(d.stage(Stage.CONDITION).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
    }

    @Test
    void caseFixIsTheConditionWithTheTokensValue() {
        Diagnosis d = run("main-protected", "attributeCondition", "assertion.namespace_path == \"Acme\"");
        assertThat(d.finding(FindingCode.CONDITION_REJECTED).orElseThrow().fix())
                .endsWith("--attribute-condition='assertion.namespace_path == \"acme\"'");
    }

    @Test
    void topLevelGroupConditionOnASubgroupProjectSuggestsStartsWith() {
        Diagnosis d = run("deep-group-long-branch", "attributeCondition", "assertion.namespace_path == \"acme\"");
        Finding f = d.finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(f.message()).contains("subgroup 'acme/data-platform/analytics-engineering/batch-processing'");
        String corrected = "(assertion.namespace_path == \"acme\" || assertion.namespace_path.startsWith(\"acme/\"))";
        assertThat(f.fix()).endsWith("--attribute-condition=" + Fixes.shellQuote(corrected));
        var claims = Fixtures.claims("deep-group-long-branch");
        assertThat(evaluator.condition(corrected, claims, evaluator.map(Map.of("google.subject", "assertion.project_id"), claims))
                .outcome()).isEqualTo(ConditionResult.Outcome.ALLOWED);
    }

    @Test
    void boolLiteralIsFlaggedAndTheCorrectedConditionAdmitsTheToken() {
        String condition = "assertion.namespace_path == \"acme\" && assertion.ref_protected == true && false != assertion['ref_protected']";
        Diagnosis d = run("main-protected", "attributeCondition", condition);
        Finding f = d.finding(FindingCode.CONDITION_BOOL_AS_STRING).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(d.has(FindingCode.CONDITION_REJECTED)).isTrue();
        String corrected = f.evidence().get("correctedCondition");
        assertThat(corrected).isEqualTo("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\" "
                + "&& \"false\" != assertion['ref_protected']");
        assertThat(f.fix()).contains("--attribute-condition=" + Fixes.shellQuote(corrected));
        var mapped = evaluator.map(Fixtures.provider().attributeMapping(), Fixtures.claims("main-protected"));
        assertThat(evaluator.condition(corrected, Fixtures.claims("main-protected"), mapped).outcome())
                .isEqualTo(ConditionResult.Outcome.ALLOWED);
    }

    @Test
    void boolLiteralIsFoundFromTheProviderAlone() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder()
                .provider(Fixtures.provider("attributeCondition", "attribute.ref_protected == true")).build());
        assertThat(d.finding(FindingCode.CONDITION_BOOL_AS_STRING).orElseThrow().fix())
                .contains("'attribute.ref_protected == \"true\"'");
    }

    @Test
    void conditionReadingAnUnmappedAttribute() {
        Diagnosis d = run("deploy-production", "attributeCondition", "attribute.environment == \"production\"");
        Finding f = d.finding(FindingCode.CONDITION_UNMAPPED_ATTRIBUTE).orElseThrow();
        assertThat(f.evidence()).containsEntry("attribute", "environment");
        assertThat(f.fix()).contains("assertion.environment == \"production\"");
    }

    @Test
    void conditionThatDoesNotCompile() {
        Diagnosis d = run("main-protected", "attributeCondition", "assertion.ref == ");
        assertThat(d.finding(FindingCode.CONDITION_ERROR).orElseThrow().message()).contains("does not compile");
    }

    @Test
    void conditionFailingToEvaluateIsAConditionError() {
        Diagnosis d = run("main-protected", "attributeCondition", "assertion.project_id + 1 > 0");
        assertThat(d.has(FindingCode.CONDITION_ERROR)).isTrue();
    }

    @Test
    void noConditionOnGitlabComWarnsButNotOnASelfManagedIssuer() {
        Diagnosis d = run("main-protected", "attributeCondition", null);
        Finding f = d.finding(FindingCode.CONDITION_MISSING).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.fix()).contains("--attribute-condition='assertion.namespace_path == \"acme\"");
        assertThat(d.verdict()).isEqualTo("pass");

        ProviderInfo selfManaged = ProviderInfo.fromJson(Fixtures.text("provider-self-managed.json"));
        Diagnosis sm = engine.diagnose(DiagnosisInput.builder().provider(new ProviderInfo(selfManaged.name(), false, "ACTIVE",
                selfManaged.attributeMapping(), null, selfManaged.issuerUri(), selfManaged.allowedAudiences(), null)).build());
        assertThat(sm.has(FindingCode.CONDITION_MISSING)).isFalse();
    }
}
