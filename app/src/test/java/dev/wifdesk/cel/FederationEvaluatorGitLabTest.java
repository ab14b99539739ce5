package dev.wifdesk.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping and condition examples of WIF-FACTS.md and CLI.md over realistic GitLab claim sets. */
class FederationEvaluatorGitLabTest {
    /** The attributeMapping of the CLI.md spec example, in its order. */
    static final Map<String, String> CLI_MAPPING = cliMapping();
    static final String CLI_CONDITION = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"";

    private final CelEngine engine = new CelEngine();
    private final FederationEvaluator evaluator = new FederationEvaluator(engine);

    private static Map<String, String> cliMapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.subject", "assertion.sub");
        m.put("attribute.project_id", "assertion.project_id");
        m.put("attribute.project_path", "assertion.project_path");
        m.put("attribute.namespace_path", "assertion.namespace_path");
        m.put("attribute.ref", "assertion.ref");
        m.put("attribute.ref_protected", "assertion.ref_protected");
        return m;
    }

    @Test
    void cliExampleMappingYieldsEveryAttributeAsTheTokenSpellsIt() {
        var r = evaluator.map(CLI_MAPPING, GitLabClaimSets.protectedBranch());
        assertThat(r.problems()).isEmpty();
        assertThat(r.subject()).contains("project_path:acme/pipelines:ref_type:branch:ref:main");
        assertThat(r.attribute()).containsOnly(Map.entry("project_id", "4242"),
                Map.entry("project_path", "acme/pipelines"), Map.entry("namespace_path", "acme"),
                Map.entry("ref", "main"), Map.entry("ref_protected", "true"));
    }

    @Test
    void cliExampleConditionAllowsProtectedBranchAndRejectsUnprotected() {
        var ok = GitLabClaimSets.protectedBranch();
        assertThat(evaluator.condition(CLI_CONDITION, ok, evaluator.map(CLI_MAPPING, ok)).outcome())
                .isEqualTo(ConditionResult.Outcome.ALLOWED);
        var feature = GitLabClaimSets.unprotectedBranch();
        assertThat(evaluator.condition(CLI_CONDITION, feature, evaluator.map(CLI_MAPPING, feature)).outcome())
                .isEqualTo(ConditionResult.Outcome.REJECTED);
    }

    @Test
    void conditionFromAnotherNamespaceIsRejected() {
        var other = GitLabClaimSets.protectedBranch();
        other.put("namespace_path", "evil-corp");
        other.put("project_path", "evil-corp/pipelines");
        assertThat(evaluator.condition(CLI_CONDITION, other, evaluator.map(CLI_MAPPING, other)).outcome())
                .isEqualTo(ConditionResult.Outcome.REJECTED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "assertion.ref_protected == true      | REJECTED",
            "true == assertion.ref_protected      | REJECTED",
            "attribute.ref_protected == true      | REJECTED",
            "assertion.ref_protected != false     | ALLOWED",
            "assertion.ref_protected              | ERROR"})
    void gitLabStringBooleanNeverEqualsTheBoolLiteral(String condition, ConditionResult.Outcome expected) {
        // GitLab sends "true" (a string): == true is always false, != false always true (a silent hole)
        var claims = GitLabClaimSets.protectedBranch();
        var result = evaluator.condition(condition, claims, evaluator.map(CLI_MAPPING, claims));
        assertThat(result.outcome()).as(result.detail()).isEqualTo(expected);
        var unprotected = GitLabClaimSets.unprotectedBranch();
        var same = evaluator.condition(condition, unprotected, evaluator.map(CLI_MAPPING, unprotected));
        assertThat(same.outcome()).as("the claim's value makes no difference").isEqualTo(expected);
    }

    @Test
    void stringBooleanComparedAsStringIsAllowed() {
        var claims = GitLabClaimSets.protectedBranch();
        assertThat(evaluator.condition("attribute.ref_protected == \"true\"", claims,
                evaluator.map(CLI_MAPPING, claims)).outcome()).isEqualTo(ConditionResult.Outcome.ALLOWED);
    }

    @Test
    void environmentConditionWithoutEnvironmentClaimDoesNotLetTheJobIn() {
        String condition = CLI_CONDITION + " && assertion.environment == \"production\""
                + " && assertion.environment_protected == \"true\"";
        var deploy = GitLabClaimSets.productionDeploy();
        assertThat(evaluator.condition(condition, deploy, evaluator.map(CLI_MAPPING, deploy)).outcome())
                .isEqualTo(ConditionResult.Outcome.ALLOWED);

        var build = GitLabClaimSets.protectedBranch(); // no environment: claims absent, not empty
        var result = evaluator.condition(condition, build, evaluator.map(CLI_MAPPING, build));
        assertThat(result.allowed()).isFalse();
        assertThat(result.outcome()).isEqualTo(ConditionResult.Outcome.ERROR);
        assertThat(result.detail()).contains("environment");
    }

    @Test
    void hasGuardTurnsMissingEnvironmentIntoAPlainRejection() {
        String condition = "has(assertion.environment) && assertion.environment == \"production\"";
        var build = GitLabClaimSets.protectedBranch();
        assertThat(evaluator.condition(condition, build, evaluator.map(CLI_MAPPING, build)).outcome())
                .isEqualTo(ConditionResult.Outcome.REJECTED);
    }

    @Test
    void mappingOfAbsentEnvironmentClaimLeavesAttributeUnsetWithoutFailingTheExchange() {
        Map<String, String> mapping = new LinkedHashMap<>(CLI_MAPPING);
        mapping.put("attribute.environment", "assertion.environment");
        var r = evaluator.map(mapping, GitLabClaimSets.protectedBranch());
        assertThat(r.attribute()).doesNotContainKey("environment");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MappingResult.Kind.CLAIM_MISSING);
            assertThat(p.key()).isEqualTo("attribute.environment");
            assertThat(p.detail()).contains("environment");
            assertThat(p.fatal()).isFalse();
        });
        assertThat(r.firstFatal()).isEmpty();
    }

    @Test
    void subjectFromAbsentClaimIsFatal() {
        var r = evaluator.map(Map.of("google.subject", "assertion.environment"), GitLabClaimSets.protectedBranch());
        assertThat(r.firstFatal()).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MappingResult.Kind.CLAIM_MISSING);
            assertThat(p.fatal()).isTrue();
        });
        assertThat(r.subject()).isEmpty();
    }

    @Test
    void integerSubjectIsNotAString() {
        var claims = GitLabClaimSets.protectedBranch();
        claims.put("project_id_num", 4242); // a JSON number
        var r = evaluator.map(Map.of("google.subject", "assertion.project_id_num"), claims);
        assertThat(r.firstFatal()).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MappingResult.Kind.SUBJECT_NOT_STRING);
            assertThat(p.detail()).contains("int");
        });
        assertThat(r.subject()).isEmpty();
    }

    @Test
    void boolSubjectIsNotAString() {
        var claims = GitLabClaimSets.protectedBranch();
        claims.put("is_admin", Boolean.TRUE);
        var r = evaluator.map(Map.of("google.subject", "assertion.is_admin"), claims);
        assertThat(r.firstFatal()).get().extracting(MappingResult.Problem::kind)
                .isEqualTo(MappingResult.Kind.SUBJECT_NOT_STRING);
        var cmp = evaluator.map(Map.of("google.subject", "assertion.ref_protected == \"true\""), claims);
        assertThat(cmp.firstFatal()).get().satisfies(p -> assertThat(p.detail()).contains("bool"));
    }

    @Test
    void stringifiedIntegerSubjectIsFine() {
        var claims = GitLabClaimSets.protectedBranch();
        claims.put("project_id_num", 4242);
        var r = evaluator.map(Map.of("google.subject", "string(assertion.project_id_num)"), claims);
        assertThat(r.problems()).isEmpty();
        assertThat(r.subject()).contains("4242");
    }

    @Test
    void deepGroupAndLongBranchOverflowTheSubjectLimit() {
        var claims = GitLabClaimSets.deepGroupLongBranch();
        String sub = (String) claims.get("sub");
        assertThat(sub.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(FederationEvaluator.SUBJECT_MAX_BYTES);
        var r = evaluator.map(CLI_MAPPING, claims);
        assertThat(r.firstFatal()).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MappingResult.Kind.SUBJECT_TOO_LONG);
            assertThat(p.detail()).contains(String.valueOf(sub.getBytes(StandardCharsets.UTF_8).length)).contains("127");
        });
        // the known fix: a subject built from the numeric project id and the ref type
        var fixed = evaluator.map(Map.of("google.subject",
                "\"project_id:\" + assertion.project_id + \":ref_type:\" + assertion.ref_type"), claims);
        assertThat(fixed.problems()).isEmpty();
        assertThat(fixed.subject()).contains("project_id:4242:ref_type:branch");
    }

    @Test
    void subjectLimitCountsUtf8BytesNotCharacters() {
        var claims = GitLabClaimSets.protectedBranch();
        claims.put("sub", "é".repeat(64)); // 64 chars, 128 bytes
        assertThat(evaluator.map(Map.of("google.subject", "assertion.sub"), claims).firstFatal()).get()
                .extracting(MappingResult.Problem::kind).isEqualTo(MappingResult.Kind.SUBJECT_TOO_LONG);
        claims.put("sub", "a".repeat(127));
        assertThat(evaluator.map(Map.of("google.subject", "assertion.sub"), claims).problems()).isEmpty();
    }

    @Test
    void compileErrorOnALaterLineReportsThatLineAndColumn() {
        String expr = "assertion.namespace_path == \"acme\" &&\n    assertion.ref_protected == \"true\" &&\n    assertion.ref ==";
        assertThatThrownBy(() -> engine.compile(expr)).isInstanceOfSatisfying(CelCompileException.class, e -> {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.problems().get(0).line()).isEqualTo(3);
            assertThat(e.problems().get(0).column()).isGreaterThan(1);
            assertThat(e.getMessage()).startsWith("line 3, column ");
        });
    }

    @Test
    void unknownFunctionIsACompileErrorWithItsColumn() {
        // columns are 1-based and count from the start of the line the error is on (here: the call's "(")
        assertThatThrownBy(() -> engine.compile("assertion.ref.startWith(\"release/\")"))
                .isInstanceOfSatisfying(CelCompileException.class, e -> {
                    assertThat(e.problems().get(0)).extracting(CelCompileException.Problem::line,
                            CelCompileException.Problem::column).containsExactly(1, 24);
                    assertThat(e.problems().get(0).message()).contains("startWith");
                });
        assertThatThrownBy(() -> engine.compile("assertion.ref == \"a\" &&\n  assertion.ref.startWith(\"x\")"))
                .isInstanceOfSatisfying(CelCompileException.class, e -> assertThat(e.problems().get(0))
                        .extracting(CelCompileException.Problem::line, CelCompileException.Problem::column)
                        .containsExactly(2, 26));
    }

    @Test
    void typeErrorNamesTheOverloadAndPosition() {
        assertThatThrownBy(() -> engine.compile("\n\n\"a\" == 1")).isInstanceOfSatisfying(CelCompileException.class,
                e -> {
                    assertThat(e.problems().get(0).line()).isEqualTo(3);
                    assertThat(e.problems().get(0).message()).contains("_==_").contains("string").contains("int");
                });
    }

    @Test
    void emptyExpressionIsACompileErrorAtLineOne() {
        assertThatThrownBy(() -> engine.compile("  ")).isInstanceOfSatisfying(CelCompileException.class,
                e -> assertThat(e.problems()).singleElement().isEqualTo(
                        new CelCompileException.Problem(1, 1, "expression is empty")));
    }

    @Test
    void conditionThatDoesNotCompileIsAnError() {
        var claims = GitLabClaimSets.protectedBranch();
        var result = evaluator.condition("assertion.ref == ", claims, evaluator.map(CLI_MAPPING, claims));
        assertThat(result.outcome()).isEqualTo(ConditionResult.Outcome.ERROR);
        assertThat(result.detail()).contains("line 1, column");
    }

    @Test
    void conditionOverMappedAttributeAndGoogleSubject() {
        String condition = "attribute.project_path == \"acme/pipelines\""
                + " && google.subject.startsWith(\"project_path:acme/\")";
        var ok = GitLabClaimSets.protectedBranch();
        assertThat(evaluator.condition(condition, ok, evaluator.map(CLI_MAPPING, ok)).outcome())
                .isEqualTo(ConditionResult.Outcome.ALLOWED);
        var fork = GitLabClaimSets.protectedBranch();
        fork.put("project_path", "dana/pipelines");
        fork.put("sub", "project_path:dana/pipelines:ref_type:branch:ref:main");
        assertThat(evaluator.condition(condition, fork, evaluator.map(CLI_MAPPING, fork)).outcome())
                .isEqualTo(ConditionResult.Outcome.REJECTED);
    }

    @Test
    void conditionReadingAnUnmappedAttributeFails() {
        var claims = GitLabClaimSets.protectedBranch();
        var result = evaluator.condition("attribute.environment == \"production\"", claims,
                evaluator.map(CLI_MAPPING, claims));
        assertThat(result.allowed()).isFalse();
    }

    @Test
    void conditionThatIsNotABoolIsAnError() {
        var claims = GitLabClaimSets.protectedBranch();
        var result = evaluator.condition("assertion.ref", claims, evaluator.map(CLI_MAPPING, claims));
        assertThat(result.outcome()).isEqualTo(ConditionResult.Outcome.ERROR);
        assertThat(result.detail()).contains("string");
    }

    @Test
    void absentConditionLetsEverythingIn() {
        var claims = GitLabClaimSets.protectedBranch();
        var result = evaluator.condition("  ", claims, evaluator.map(CLI_MAPPING, claims));
        assertThat(result.outcome()).isEqualTo(ConditionResult.Outcome.ABSENT);
        assertThat(result.allowed()).isTrue();
    }

    @Test
    void gitLabIntegrationStyleMappingWithDeveloperAccess() {
        // WIF-FACTS: GitLab's own integration maps keys such as attribute.developer_access
        var claims = GitLabClaimSets.protectedBranch();
        var mapping = Map.of("google.subject", "assertion.sub",
                "attribute.developer_access", "assertion.user_access_level in [\"developer\", \"maintainer\", \"owner\"] "
                        + "? \"true\" : \"false\"");
        var r = evaluator.map(mapping, claims);
        assertThat(r.problems()).isEmpty();
        assertThat(r.attribute()).containsEntry("developer_access", "true");
    }

    @Test
    void compileCacheReturnsTheSameInstance() throws Exception {
        CompiledExpression first = engine.compile(CLI_CONDITION);
        CompiledExpression second = engine.compile(CLI_CONDITION);
        assertThat(second).isSameAs(first);
        assertThat(engine.compile(CLI_CONDITION + " ")).isNotSameAs(first);
        assertThat(new CelEngine().compile(CLI_CONDITION)).isNotSameAs(first);
    }

    @Test
    void referencedKeysSeesDotAndIndexForms() throws Exception {
        var expr = engine.compile("assertion.namespace_path == \"acme\" && assertion[\"ref_protected\"] == \"true\""
                + " && attribute.ref == \"main\" && has(assertion.environment)");
        assertThat(CelEngine.referencedKeys(expr, CelEngine.ASSERTION))
                .containsExactly("namespace_path", "ref_protected", "environment");
        assertThat(CelEngine.referencedKeys(expr, CelEngine.ATTRIBUTE)).containsExactly("ref");
        assertThat(CelEngine.referencedKeys(expr, CelEngine.GOOGLE)).isEmpty();
    }

    @Test
    void claimsFromJsonLibrariesBecomeCelValues() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("runner_id", 5);
        raw.put("iat", new Date(1764000000000L));
        raw.put("groups", List.of("acme", "acme/data"));
        raw.put("dropped", null);
        Map<String, Object> n = Claims.normalize(raw);
        assertThat(n).containsEntry("runner_id", 5L).containsEntry("iat", 1764000000L)
                .containsEntry("groups", List.of("acme", "acme/data")).doesNotContainKey("dropped");
        var r = evaluator.map(Map.of("google.subject", "string(assertion.runner_id)",
                "google.groups", "assertion.groups"), raw);
        assertThat(r.problems()).isEmpty();
        assertThat(r.google()).containsEntry("groups", List.of("acme", "acme/data"));
        assertThat(evaluator.condition("assertion.iat > 1700000000 && \"acme/data\" in google.groups", raw, r).outcome())
                .isEqualTo(ConditionResult.Outcome.ALLOWED);
    }

    @Test
    void attributeMappedToCelNullDoesNotBreakTheMapping() {
        var claims = GitLabClaimSets.protectedBranch();
        var r = evaluator.map(Map.of("google.subject", "assertion.sub", "attribute.nothing", "null"), claims);
        assertThat(r.subject()).contains("project_path:acme/pipelines:ref_type:branch:ref:main");
    }
}
