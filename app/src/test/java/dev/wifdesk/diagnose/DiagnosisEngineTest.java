package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisEngineTest {
    private static final TestTokens ISSUER = new TestTokens("gitlab-key-1");
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private DiagnosisInput.Builder healthy() {
        return DiagnosisInput.builder()
                .token(ISSUER.sign(Fixtures.claims("main-protected")))
                .jwksJson(ISSUER.jwks())
                .provider(Fixtures.provider())
                .pool(PoolInfo.fromJson(Fixtures.text("pool-active.json")))
                .policy(IamPolicy.fromJson(Fixtures.text("policy-ok.json")))
                .ciConfig(Fixtures.text("gitlab-ci-ok.yml"))
                .now(Fixtures.NOW);
    }

    @Test
    void healthySetupPassesEveryStageInOrder() {
        Diagnosis d = engine.diagnose(healthy().build());

        assertThat(d.findings()).isEmpty();
        assertThat(d.verdict()).isEqualTo("pass");
        assertThat(d.stages()).extracting(StageResult::stage).containsExactly(Stage.values());
        assertThat(d.stages()).filteredOn(s -> s.stage() != Stage.ERROR_TEXT)
                .allSatisfy(s -> assertThat(s.status()).as(s.stage() + ": " + s.detail()).isEqualTo(StageResult.Status.PASS));
        assertThat(d.stage(Stage.TOKEN).orElseThrow().detail()).contains("signature verified with key gitlab-key-1");
        assertThat(d.stage(Stage.BINDING).orElseThrow().detail()).contains("attribute.project_path/acme/pipelines");
    }

    @Test
    void verdictFailsExactlyWhenAFindingIsAnError() {
        // a warning only (no condition on gitlab.com) keeps the verdict pass
        Diagnosis warningOnly = engine.diagnose(healthy().provider(Fixtures.provider("attributeCondition", null)).build());
        assertThat(warningOnly.findings()).extracting(f -> f.code()).containsExactly(FindingCode.CONDITION_MISSING);
        assertThat(warningOnly.findings().get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(warningOnly.verdict()).isEqualTo("pass");

        Diagnosis error = engine.diagnose(healthy().now(Fixtures.ISSUED.plusSeconds(7200)).build());
        assertThat(error.has(FindingCode.TOKEN_EXPIRED)).isTrue();
        assertThat(error.verdict()).isEqualTo("fail");
    }

    @Test
    void jsonHasTheCliShape() throws Exception {
        Diagnosis d = engine.diagnose(healthy().provider(Fixtures.provider("oidc.allowedAudiences", List.of("https://gitlab.com/")))
                .build());
        JsonNode json = new ObjectMapper().readTree(new DiagnosisJson().write(d));

        assertThat(json.get("verdict").asText()).isEqualTo("fail");
        assertThat(json.get("stages")).hasSize(9);
        assertThat(json.get("stages").get(0).fieldNames()).toIterable().containsExactly("stage", "status", "detail");
        assertThat(json.get("stages").get(2).get("stage").asText()).isEqualTo("audience");
        assertThat(json.get("stages").get(2).get("status").asText()).isEqualTo("fail");
        assertThat(json.get("stages").get(7).get("stage").asText()).isEqualTo("error-text");
        JsonNode typo = null;
        for (JsonNode f : json.get("findings")) {
            assertThat(f.fieldNames()).toIterable().containsExactly("code", "severity", "message", "fix", "evidence");
            if (f.get("code").asText().equals("AUDIENCE_TYPO")) {
                typo = f;
            }
        }
        assertThat(typo).isNotNull();
        assertThat(typo.get("severity").asText()).isEqualTo("error");
        assertThat(typo.get("evidence").get("expected").asText()).isEqualTo("https://gitlab.com/");
        assertThat(typo.get("evidence").get("actual").asText()).isEqualTo("https://gitlab.com");
    }

    @Test
    void theRawTokenNeverAppearsInTheOutput() {
        String token = ISSUER.sign(Fixtures.claims("main-protected"));
        Diagnosis d = engine.diagnose(healthy().token(token).now(Fixtures.ISSUED.plusSeconds(9000))
                .provider(Fixtures.provider("oidc.allowedAudiences", List.of("x"))).build());
        String json = new DiagnosisJson().write(d) + new DiagnosisText().write(d);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(json).doesNotContain(token).doesNotContain(signature).doesNotContain(token.substring(0, token.indexOf('.', 40)));
        assertThat(DiagnosisInput.builder().token(token).build().toString()).doesNotContain(signature);
    }
}
