package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.wifdesk.model.FindingCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** User data of every odd shape gives a diagnosis, never an exception, and no part of the engine crashes on it. */
class OddInputTest {
    private final DiagnosisEngine engine = new DiagnosisEngine();

    @Test
    void claimsOfUnexpectedTypes() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", 5);
        claims.put("aud", Map.of("nested", List.of(1, 2)));
        claims.put("exp", "soon");
        claims.put("iat", -1);
        claims.put("sub", null);
        claims.put("ref_protected", true);
        claims.put("namespace_path", List.of("acme"));
        Diagnosis d = engine.diagnose(Fixtures.input(claims).policy(Fixtures.policy("", "principal://", "user:x@example.com"))
                .ciConfig("::: not yaml [").errorText("\u0000\u0001\\u12").stsAudience("%%%").build());
        assertThat(d.stages()).hasSize(Stage.values().length);
        assertThat(d.verdict()).isEqualTo("fail");
        CrashingEngines.assertNoInternalError(d);
    }

    @Test
    void deeplyNestedConditionAndMappingDoNotBlowUp() {
        String deep = "(".repeat(400) + "assertion.ref == \"main\"" + ")".repeat(400);
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected"))
                .provider(Fixtures.provider("attributeCondition", deep)).build());
        assertThat(d.stage(Stage.CONDITION)).isPresent();
        CrashingEngines.assertNoInternalError(d);
    }

    @Test
    void randomProviderConditionsAndTokensNeverThrow() {
        Random r = new Random(42);
        String alphabet = "assertion.ref_protected==\"true\"&&||!()[]{}'attribute.x.startsWith(1)+-*/%?:,;\\ \u00e9\u0000";
        for (int i = 0; i < 200; i++) {
            StringBuilder cel = new StringBuilder();
            StringBuilder token = new StringBuilder();
            for (int j = 0; j < r.nextInt(60); j++) {
                cel.append(alphabet.charAt(r.nextInt(alphabet.length())));
                token.append((char) r.nextInt(128));
            }
            DiagnosisInput in = Fixtures.input(Fixtures.claims("main-protected"))
                    .provider(Fixtures.provider("attributeCondition", cel.toString()))
                    .token(token.toString()).errorText(cel.toString()).build();
            assertThatCode(() -> CrashingEngines.assertNoInternalError(engine.diagnose(in))).as("condition %s", cel)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void invalidProviderJsonIsReportedWithItsPosition() {
        assertThatCode(() -> ProviderInfo.fromJson("{\n  \"oidc\": [1,\n}")).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("line 3, column");
        assertThatCode(() -> ProviderInfo.fromJson("{\"attributeMapping\": \"assertion.sub\"}"))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("attributeMapping must be an object");
        assertThatCode(() -> PoolInfo.fromJson("[]")).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void jwksThatIsNotAJwks() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().token(new TestTokens("k").sign(Fixtures.claims("main-protected")))
                .jwksJson("{\"keys\": \"nope\"}").now(Fixtures.NOW).build());
        assertThat(d.finding(FindingCode.TOKEN_KEY_NOT_FOUND).orElseThrow().message()).contains("cannot be read");
        CrashingEngines.assertNoInternalError(d);
    }
}
