package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenStageTest {
    private static final TestTokens GITLAB = new TestTokens("gitlab-key-1");
    private static final TestTokens OTHER = new TestTokens("gitlab-key-1");
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private Diagnosis diagnose(String token, String jwks) {
        return engine.diagnose(DiagnosisInput.builder().token(token).jwksJson(jwks).provider(Fixtures.provider())
                .now(Fixtures.NOW).build());
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> malformed() {
        String header = b64("{\"alg\":\"RS256\",\"kid\":\"k\"}");
        StringBuilder huge = new StringBuilder(10 * 1024 * 1024);
        while (huge.length() < 10 * 1024 * 1024) {
            huge.append("eyJhbGciOiJSUzI1NiJ9.");
        }
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        return Stream.of(
                Arguments.of("garbage", "hello world", "part"),
                Arguments.of("two parts", header + "." + b64("{}"), "part"),
                Arguments.of("not base64url", header + ".abc$def.sig", "not base64url"),
                Arguments.of("header not JSON", b64("not json") + "." + b64("{}") + ".sig", "header part is not JSON"),
                Arguments.of("claims an array", header + "." + b64("[1,2]") + ".sig", "claims part is not a JSON object"),
                Arguments.of("encrypted JWE", "a.b.c.d.e", "encrypted"),
                Arguments.of("binary", new String(binary, StandardCharsets.ISO_8859_1), "part"),
                Arguments.of("10 MB paste", huge.toString(), "characters long"),
                Arguments.of("empty", "   \n", "no token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void badTokensAreMalformedAndNeverThrow(String name, String token, String detail) {
        Diagnosis d = diagnose(token, GITLAB.jwks());
        if (detail.equals("no token")) {
            assertThat(d.stage(Stage.TOKEN).orElseThrow().status()).isEqualTo(StageResult.Status.SKIPPED);
            return;
        }
        Finding f = d.finding(FindingCode.TOKEN_MALFORMED).orElseThrow();
        assertThat(f.message()).contains(detail);
        assertThat(d.verdict()).isEqualTo("fail");
        assertThat(f.message().length()).isLessThan(400);
    }

    @Test
    void validTokenVerifiesWithTheIssuersJwks() {
        Diagnosis d = diagnose(GITLAB.sign(Fixtures.claims("main-protected")), GITLAB.jwks());
        assertThat(d.findings()).extracting(Finding::code).doesNotContain(FindingCode.TOKEN_SIGNATURE_INVALID,
                FindingCode.TOKEN_KEY_NOT_FOUND, FindingCode.TOKEN_MALFORMED);
        assertThat(d.stage(Stage.TOKEN).orElseThrow().status()).isEqualTo(StageResult.Status.PASS);
    }

    @Test
    void rotatedKeyWithTheSameKidIsAnInvalidSignature() {
        Diagnosis d = diagnose(OTHER.sign(Fixtures.claims("main-protected")), GITLAB.jwks());
        Finding f = d.finding(FindingCode.TOKEN_SIGNATURE_INVALID).orElseThrow();
        assertThat(f.evidence()).containsEntry("kid", "gitlab-key-1").containsEntry("jwks", "the given JWKS");
    }

    @Test
    void alteredClaimsBreakTheSignature() {
        String token = GITLAB.sign(Fixtures.claims("feature-unprotected"));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ref_protected\":\"false\"", "\"ref_protected\":\"true\"")) + "." + parts[2];
        assertThat(diagnose(forged, GITLAB.jwks()).has(FindingCode.TOKEN_SIGNATURE_INVALID)).isTrue();
    }

    @Test
    void unknownKidIsKeyNotFoundAndNamesTheKnownKids() {
        Diagnosis d = diagnose(GITLAB.sign(Fixtures.claims("main-protected"), "rotated-key-2"), GITLAB.jwks());
        Finding f = d.finding(FindingCode.TOKEN_KEY_NOT_FOUND).orElseThrow();
        assertThat(f.evidence()).containsEntry("kid", "rotated-key-2").containsEntry("jwksKids", "gitlab-key-1");
    }

    @Test
    void providersInlineJwksIsUsedWithoutAJwksFile() {
        ProviderInfo inline = Fixtures.provider("oidc.jwksJson", OTHER.jwks());
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().token(GITLAB.sign(Fixtures.claims("main-protected")))
                .provider(inline).now(Fixtures.NOW).build());
        Finding f = d.finding(FindingCode.TOKEN_SIGNATURE_INVALID).orElseThrow();
        assertThat(f.evidence()).containsEntry("jwks", "the provider's inline jwksJson");
        assertThat(f.fix()).contains("--jwk-json-path=jwks.json").contains("https://gitlab.com/oauth/discovery/keys");
    }

    @Test
    void expiredTokenBeyondSkew() {
        Map<String, Object> claims = Fixtures.claims("main-protected");
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().token(GITLAB.sign(claims)).jwksJson(GITLAB.jwks())
                .now(Fixtures.ISSUED.plusSeconds(3600 + 600)).build());
        Finding f = d.finding(FindingCode.TOKEN_EXPIRED).orElseThrow();
        assertThat(f.evidence()).containsEntry("exp", "2026-11-25T19:00:00Z");
        assertThat(f.message()).contains("10 min");

        Diagnosis withinSkew = engine.diagnose(DiagnosisInput.builder().claims(claims)
                .now(Fixtures.ISSUED.plusSeconds(3600 + 30)).build());
        assertThat(withinSkew.has(FindingCode.TOKEN_EXPIRED)).isFalse();
    }

    @Test
    void tokenFromTheFutureIsNotYetValid() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().claims(Fixtures.claims("main-protected"))
                .now(Fixtures.ISSUED.minusSeconds(900)).build());
        Finding f = d.finding(FindingCode.TOKEN_NOT_YET_VALID).orElseThrow();
        assertThat(f.message()).contains("14 min");
        assertThat(f.evidence()).containsKey("nbf");
    }

    @Test
    void tokenWithoutRequiredClaimsIsMalformed() {
        Diagnosis d = diagnose(GITLAB.sign(Fixtures.claims("main-protected", "aud", null, "iss", null)), GITLAB.jwks());
        assertThat(d.finding(FindingCode.TOKEN_MALFORMED).orElseThrow().evidence()).containsEntry("missing", "iss,aud");
    }
}
