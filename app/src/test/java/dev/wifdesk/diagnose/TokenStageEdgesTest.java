package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token stage at its edges: time skew limits, durations as words, shape messages, stage details. */
class TokenStageEdgesTest {
    private static final TestTokens GITLAB = new TestTokens("gitlab-key-1");
    private static final long EXP = Fixtures.ISSUED.getEpochSecond() + 3600;
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private Diagnosis claimsAt(Instant now, Object... overrides) {
        return engine.diagnose(DiagnosisInput.builder().claims(Fixtures.claims("main-protected", overrides)).now(now).build());
    }

    private StageResult tokenStage(String token) {
        return engine.diagnose(DiagnosisInput.builder().token(token).now(Fixtures.NOW).build()).stage(Stage.TOKEN).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"0, 0 s", "119, 119 s", "-119, 119 s", "120, 2 min", "7199, 119 min", "7200, 2 h", "172799, 47 h",
            "172800, 2 days", "-172800, 2 days"})
    void durationsReadAsWords(long seconds, String words) {
        assertThat(TokenStage.human(seconds)).isEqualTo(words);
    }

    @Test
    void secondsAcceptNumbersAndNumericTextOnly() {
        assertThat(TokenStage.seconds(1795629600)).isEqualTo(1795629600L);
        assertThat(TokenStage.seconds(1.795629600e9)).isEqualTo(1795629600L);
        assertThat(TokenStage.seconds(" 42 ")).isEqualTo(42L);
        assertThat(TokenStage.seconds("soon")).isNull();
        assertThat(TokenStage.seconds(true)).isNull();
        assertThat(TokenStage.seconds(null)).isNull();
    }

    @Test
    void expiryAllowsExactlyTheSkew() {
        Instant edge = Instant.ofEpochSecond(EXP + TokenStage.SKEW_SECONDS);
        Diagnosis atEdge = claimsAt(edge);
        assertThat(atEdge.has(FindingCode.TOKEN_EXPIRED)).isFalse();
        assertThat(atEdge.stage(Stage.TOKEN).orElseThrow())
                .isEqualTo(StageResult.pass(Stage.TOKEN, "claims given; times valid (signature not checked without a token)"));

        Diagnosis past = claimsAt(edge.plusSeconds(1));
        Finding f = past.finding(FindingCode.TOKEN_EXPIRED).orElseThrow();
        assertThat(f.message()).startsWith("The token expired at " + Instant.ofEpochSecond(EXP) + ", 61 s before " + edge.plusSeconds(1));
        assertThat(f.evidence()).containsEntry("exp", Instant.ofEpochSecond(EXP).toString());
        assertThat(past.stage(Stage.TOKEN).orElseThrow())
                .isEqualTo(StageResult.fail(Stage.TOKEN, "claims given; the token is not valid at " + edge.plusSeconds(1)));
    }

    @Test
    void notBeforeAndIssuedAtAllowExactlyTheSkew() {
        long nbf = Fixtures.ISSUED.getEpochSecond() - 5;
        Instant edge = Instant.ofEpochSecond(nbf - TokenStage.SKEW_SECONDS);
        assertThat(claimsAt(edge, "iat", nbf).has(FindingCode.TOKEN_NOT_YET_VALID)).isFalse();

        Diagnosis early = claimsAt(edge.minusSeconds(1), "iat", nbf);
        Finding f = early.finding(FindingCode.TOKEN_NOT_YET_VALID).orElseThrow();
        assertThat(f.evidence()).containsEntry("nbf", Instant.ofEpochSecond(nbf).toString());
        assertThat(f.message()).contains(", 61 s after " + edge.minusSeconds(1));

        // without nbf, a future iat is what says so
        long iat = Fixtures.ISSUED.getEpochSecond();
        Diagnosis byIat = claimsAt(Instant.ofEpochSecond(iat - TokenStage.SKEW_SECONDS - 1), "nbf", null);
        assertThat(byIat.finding(FindingCode.TOKEN_NOT_YET_VALID).orElseThrow().evidence())
                .containsEntry("iat", Instant.ofEpochSecond(iat).toString()).doesNotContainKey("nbf");
        assertThat(claimsAt(Instant.ofEpochSecond(iat - TokenStage.SKEW_SECONDS), "nbf", null).has(FindingCode.TOKEN_NOT_YET_VALID))
                .isFalse();
    }

    @Test
    void shapeMessagesCountPartsAndPointAtTheBadCharacter() {
        assertThat(tokenStage("a.b").detail()).isEqualTo("not a compact JWT: it has 2 dot-separated part(s), a JWT has three");
        assertThat(tokenStage("a.b.c.d").detail()).isEqualTo("not a compact JWT: it has 4 dot-separated part(s), a JWT has three");
        assertThat(tokenStage("a.b.c.d.e").detail()).isEqualTo("not a compact JWT: it has five parts (an encrypted JWE), STS needs a signed JWT");
        assertThat(tokenStage("ab+c.d.e").detail()).startsWith("not a compact JWT: character 3 is not base64url");
        assertThat(tokenStage("abc.d/e.f").detail()).startsWith("not a compact JWT: character 6 is not base64url");
        assertThat(tokenStage("a-_Z9.dé.f").detail()).startsWith("not a compact JWT: character 8 is not base64url");
        assertThat(tokenStage("abc.de.f=").detail()).startsWith("not a compact JWT: character 9 is not base64url");
        assertThat(tokenStage("Bearer abc.d!.e").detail()).startsWith("not a compact JWT: character 6 is not base64url");
    }

    @Test
    void theLengthLimitIsInclusive() {
        String atLimit = "a".repeat(TokenStage.MAX_TOKEN_CHARS - 4) + ".b.c";
        assertThat(tokenStage(atLimit).detail()).doesNotContain("characters long");
        String over = "a" + atLimit;
        assertThat(tokenStage(over).detail())
                .isEqualTo("not a compact JWT: it is " + (TokenStage.MAX_TOKEN_CHARS + 1) + " characters long, an ID token is a few KB");
    }

    @Test
    void detailNamesAlgKidTimeAndSignature() {
        String token = GITLAB.sign(Fixtures.claims("main-protected"));
        StageResult verified = engine.diagnose(DiagnosisInput.builder().token(token).jwksJson(GITLAB.jwks()).now(Fixtures.NOW).build())
                .stage(Stage.TOKEN).orElseThrow();
        assertThat(verified).isEqualTo(StageResult.pass(Stage.TOKEN,
                "alg RS256, kid gitlab-key-1; valid at " + Fixtures.NOW + "; signature verified with key gitlab-key-1"));

        StageResult unchecked = tokenStage(token);
        assertThat(unchecked).isEqualTo(StageResult.pass(Stage.TOKEN,
                "alg RS256, kid gitlab-key-1; valid at " + Fixtures.NOW + "; signature not checked (no JWKS)"));

        Instant late = Fixtures.ISSUED.plusSeconds(9000);
        StageResult expired = engine.diagnose(DiagnosisInput.builder().token(token).now(late).build()).stage(Stage.TOKEN).orElseThrow();
        assertThat(expired).isEqualTo(StageResult.fail(Stage.TOKEN,
                "alg RS256, kid gitlab-key-1; not valid at " + late + "; signature not checked (no JWKS)"));

        String noKid = b64("{\"alg\":\"none\"}") + "." + b64("{\"iss\":\"https://gitlab.com\",\"aud\":\"x\",\"exp\":" + EXP
                + ",\"sub\":\"s\"}") + ".";
        assertThat(tokenStage(noKid).detail()).startsWith("alg none; valid at ");
    }

    @Test
    void missingRequiredClaimsFailTheStage() {
        String token = b64("{\"alg\":\"RS256\"}") + "." + b64("{\"iss\":\"https://gitlab.com\",\"exp\":" + EXP + "}") + ".sig";
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().token(token).now(Fixtures.NOW).build());
        assertThat(d.finding(FindingCode.TOKEN_MALFORMED).orElseThrow().evidence()).containsEntry("missing", "aud,sub");
        assertThat(d.stage(Stage.TOKEN).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
    }

    @Test
    void signatureOutcomesAreNamedInTheDetail() {
        String token = GITLAB.sign(Fixtures.claims("main-protected"));
        assertThat(withJwks(token, "{\"keys\": \"nope\"}").detail()).endsWith("; JWKS unreadable");
        assertThat(withJwks(GITLAB.sign(Fixtures.claims("main-protected"), "k9"), GITLAB.jwks()).detail())
                .endsWith("; key k9 not in the JWKS");
        assertThat(withJwks(token, new TestTokens("gitlab-key-1").jwks()).detail()).endsWith("; signature does NOT verify");
        // a blank JWKS is no JWKS
        assertThat(withJwks(token, "  ").detail()).endsWith("; signature not checked (no JWKS)");
        // a symmetric key in the JWKS cannot verify an RS256 token
        String oct = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"gitlab-key-1\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}";
        assertThat(withJwks(token, oct).detail()).endsWith("; signature does NOT verify");
    }

    @Test
    void aTokenWithoutKidUsesTheOnlyKeyOfTheJwks() {
        String noKid = GITLAB.sign(Fixtures.claims("main-protected"), null);
        assertThat(withJwks(noKid, GITLAB.jwks()).detail()).endsWith("; signature verified with key gitlab-key-1");
    }

    private static StageResult withJwks(String token, String jwks) {
        return new DiagnosisEngine().diagnose(DiagnosisInput.builder().token(token).jwksJson(jwks).now(Fixtures.NOW).build())
                .stage(Stage.TOKEN).orElseThrow();
    }

    @Test
    void errorTextAloneExplainsStaleSignatureAndUnreachableByWhetherTheJwksIsInline() {
        long iat = Fixtures.ISSUED.getEpochSecond();
        Diagnosis stale = engine.diagnose(DiagnosisInput.builder().errorText(ErrorTexts.tokenStale(iat)).now(Fixtures.NOW).build());
        assertThat(stale.stage(Stage.TOKEN).orElseThrow()).isEqualTo(StageResult.fail(Stage.TOKEN,
                "error text: token issued at " + Fixtures.ISSUED + " (60 s before " + Fixtures.NOW + ") is stale"));

        ProviderInfo inline = Fixtures.provider("oidc.jwksJson", GITLAB.jwks());
        ProviderInfo discovered = Fixtures.provider();
        Finding sigInline = errorOnly(ErrorTexts.SIGNATURE_INVALID, inline).finding(FindingCode.TOKEN_SIGNATURE_INVALID).orElseThrow();
        assertThat(sigInline.message()).endsWith("the provider's inline jwksJson no longer holds the issuer's current keys.");
        assertThat(sigInline.fix()).startsWith("Refresh the inline JWKS: curl -s https://gitlab.com/oauth/discovery/keys > jwks.json && ");
        Finding sigDiscovered = errorOnly(ErrorTexts.SIGNATURE_INVALID, discovered).finding(FindingCode.TOKEN_SIGNATURE_INVALID)
                .orElseThrow();
        assertThat(sigDiscovered.message()).endsWith("signed by a key the issuer does not publish (another instance, or rotated).");
        assertThat(sigDiscovered.fix()).startsWith("Make sure the job's token comes from the provider's issuer");

        Diagnosis keyInline = errorOnly(ErrorTexts.ISSUER_UNREACHABLE, inline);
        assertThat(keyInline.finding(FindingCode.TOKEN_KEY_NOT_FOUND).orElseThrow().message()).contains("inline jwksJson: the issuer rotated");
        Diagnosis keyDiscovered = errorOnly(ErrorTexts.ISSUER_UNREACHABLE, discovered);
        assertThat(keyDiscovered.finding(FindingCode.TOKEN_KEY_NOT_FOUND).orElseThrow().fix()).startsWith("Upload the issuer's JWKS");
        assertThat(keyDiscovered.stage(Stage.TOKEN).orElseThrow()).isEqualTo(StageResult.fail(Stage.TOKEN, "error text: issuer keys unavailable"));
        assertThat(errorOnly(ErrorTexts.SIGNATURE_INVALID, discovered).stage(Stage.TOKEN).orElseThrow())
                .isEqualTo(StageResult.fail(Stage.TOKEN, "error text: signature does not verify"));
        assertThat(errorOnly(ErrorTexts.CONDITION_REJECTED, discovered).stage(Stage.TOKEN).orElseThrow())
                .isEqualTo(StageResult.skipped(Stage.TOKEN, "no token or claims given"));
        // a blank inline JWKS counts as none
        assertThat(errorOnly(ErrorTexts.SIGNATURE_INVALID, Fixtures.provider("oidc.jwksJson", " "))
                .finding(FindingCode.TOKEN_SIGNATURE_INVALID).orElseThrow().fix()).startsWith("Make sure");
    }

    private Diagnosis errorOnly(String text, ProviderInfo provider) {
        return engine.diagnose(DiagnosisInput.builder().errorText(text).provider(provider).now(Fixtures.NOW).build());
    }

    @Test
    void everyStandardStageNamesItselfInWalkOrder() {
        assertThat(DiagnosisEngine.standardStages(new ErrorCatalogue())).extracting(DiagnosisStage::stage)
                .containsExactlyElementsOf(List.of(Stage.values()));
    }

    @Test
    void noInternalErrorOnAnyOfTheseEdges() {
        CrashingEngines.assertNoInternalError(claimsAt(Fixtures.NOW, "exp", "soon", "nbf", Map.of(), "iat", List.of()));
    }
}
