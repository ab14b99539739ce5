package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.ConditionResult;
import dev.wifdesk.cel.FederationEvaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederationSpecTest {
    private final FederationEvaluator evaluator = new FederationEvaluator(new CelEngine());

    private FederationSpec example() throws Exception {
        return SpecFixtures.parser().parse("spec.yaml", SpecFixtures.resource("example.yaml"));
    }

    @Test
    void acceptedAudiencesAreTheConfiguredOnes() throws Exception {
        assertThat(example().acceptedAudiences("428617359021")).containsExactly("https://gitlab.com");
    }

    @Test
    void withoutAudiencesTheDefaultAudienceIsAcceptedInBothForms() throws Exception {
        FederationSpec spec = SpecFixtures.parser().parse("spec.json",
                SpecFixtures.exampleWith("/gcp/provider/audiences", null));
        String name = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-com";
        assertThat(spec.providerName("428617359021")).isEqualTo(name);
        assertThat(spec.acceptedAudiences("428617359021"))
                .containsExactly("//iam.googleapis.com/" + name, "https://iam.googleapis.com/" + name);
    }

    @Test
    void environmentClauseAdmitsOnlyThatEnvironmentsJobs() throws Exception {
        FederationSpec spec = example();
        var production = spec.environments().get(0);
        var staging = spec.environments().get(1);
        assertThat(production.conditionClause())
                .isEqualTo("assertion.environment == \"production\" && assertion.environment_protected == \"true\"");
        assertThat(staging.conditionClause()).isEqualTo("assertion.environment == \"staging\"");

        String condition = spec.gcp().provider().attributeCondition() + " && " + production.conditionClause();
        Map<String, Object> deploy = claims();
        deploy.put("environment", "production");
        deploy.put("environment_protected", "true");
        var mapping = spec.gcp().provider().attributeMapping();
        assertThat(evaluator.condition(condition, deploy, evaluator.map(mapping, deploy)).outcome())
                .isEqualTo(ConditionResult.Outcome.ALLOWED);
        deploy.put("environment_protected", "false");
        assertThat(evaluator.condition(condition, deploy, evaluator.map(mapping, deploy)).outcome())
                .isEqualTo(ConditionResult.Outcome.REJECTED);
        deploy.put("environment", "staging");
        deploy.put("environment_protected", "true");
        assertThat(evaluator.condition(condition, deploy, evaluator.map(mapping, deploy)).outcome())
                .isEqualTo(ConditionResult.Outcome.REJECTED);
        Map<String, Object> build = claims(); // no environment claims at all
        assertThat(evaluator.condition(condition, build, evaluator.map(mapping, build)).allowed()).isFalse();
    }

    @Test
    void environmentNameIsQuotedAsACelString() {
        var env = new FederationSpec.Environment("we\"ird\\name", null, false);
        assertThat(env.conditionClause()).isEqualTo("assertion.environment == \"we\\\"ird\\\\name\"");
        Map<String, Object> claims = claims();
        claims.put("environment", "we\"ird\\name");
        var mapped = evaluator.map(Map.of("google.subject", "assertion.sub"), claims);
        assertThat(evaluator.condition(env.conditionClause(), claims, mapped).outcome())
                .isEqualTo(ConditionResult.Outcome.ALLOWED);
    }

    @Test
    void recordsAreImmutableCopies() {
        var audiences = new java.util.ArrayList<>(List.of("https://gitlab.com"));
        var mapping = new LinkedHashMap<String, String>();
        mapping.put("google.subject", "assertion.sub");
        var provider = new FederationSpec.Provider("gitlab-com", "https://gitlab.com", audiences, mapping, null);
        audiences.add("https://evil.example");
        mapping.put("attribute.x", "assertion.x");
        assertThat(provider.audiences()).containsExactly("https://gitlab.com");
        assertThat(provider.attributeMapping()).containsOnlyKeys("google.subject");
        assertThat(provider.attributeCondition()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider.attributeMapping().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, Object> claims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", "project_path:acme/pipelines:ref_type:branch:ref:main");
        c.put("namespace_path", "acme");
        c.put("project_id", "4242");
        c.put("project_path", "acme/pipelines");
        c.put("ref", "main");
        c.put("ref_protected", "true");
        return c;
    }
}
