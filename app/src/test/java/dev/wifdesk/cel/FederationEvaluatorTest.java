package dev.wifdesk.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederationEvaluatorTest {
    private final FederationEvaluator evaluator = new FederationEvaluator(new CelEngine());

    static Map<String, Object> claims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", "https://gitlab.com");
        c.put("sub", "project_path:acme/pipelines:ref_type:branch:ref:main");
        c.put("namespace_path", "acme");
        c.put("project_path", "acme/pipelines");
        c.put("project_id", "4242");
        c.put("ref", "main");
        c.put("ref_protected", "true");
        c.put("exp", 1764000000);
        return c;
    }

    @Test
    void mapsSubjectAndAttributes() {
        var r = evaluator.map(Map.of("google.subject", "assertion.sub",
                "attribute.project_path", "assertion.project_path"), claims());
        assertThat(r.problems()).isEmpty();
        assertThat(r.subject()).contains("project_path:acme/pipelines:ref_type:branch:ref:main");
        assertThat(r.attribute()).containsEntry("project_path", "acme/pipelines");
    }

    @Test
    void stringBooleanConditionPassesAndBoolLiteralFails() {
        var mapped = evaluator.map(Map.of("google.subject", "assertion.sub"), claims());
        assertThat(evaluator.condition("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"",
                claims(), mapped).outcome()).isEqualTo(ConditionResult.Outcome.ALLOWED);
        var boolLiteral = evaluator.condition("assertion.ref_protected == true", claims(), mapped);
        assertThat(boolLiteral.allowed()).isFalse();
    }

    @Test
    void attributeMappedToNullIsLeftUnset() {
        var r = evaluator.map(Map.of("google.subject", "assertion.sub",
                "attribute.env", "'environment' in assertion ? assertion.environment : null"), claims());
        assertThat(r.problems()).isEmpty();
        assertThat(r.attribute()).doesNotContainKey("env");
    }

    @Test
    void compileErrorCarriesPosition() {
        var r = evaluator.map(Map.of("google.subject", "assertion.sub +"), claims());
        assertThat(r.firstFatal()).get().extracting(MappingResult.Problem::kind)
                .isEqualTo(MappingResult.Kind.COMPILE_ERROR);
        assertThat(r.firstFatal().get().detail()).contains("line 1, column");
    }
}
