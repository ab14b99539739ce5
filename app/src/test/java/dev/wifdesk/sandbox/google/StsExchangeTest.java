package dev.wifdesk.sandbox.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.wifdesk.model.ErrorTexts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STS token exchange: successes through google-auth-library's IdentityPoolCredentials, each refusal
 * with its exact text (catalogue #1-#11) and OAuth error code.
 */
class StsExchangeTest {
    private static final String ISSUER = "https://gitlab.sandbox.wifdesk.test";
    private final SandboxFixture fx = new SandboxFixture();
    private TestIssuer issuer;
    private Instant now;
    private String audience;

    @BeforeEach
    void federation() throws Exception {
        issuer = new TestIssuer(ISSUER, "key-1");
        fx.federation("gitlab-ci", "gitlab", issuer, true);
        now = fx.clock.instant();
        audience = fx.defaultAudience("gitlab-ci", "gitlab");
    }

    @AfterEach
    void stop() {
        issuer.close();
        fx.close();
    }

    private String jwt() throws Exception {
        return issuer.token(audience, now, Map.of());
    }

    @Test
    void authLibraryExchangesAnInlineJwksToken() throws Exception {
        GoogleCredentials creds = fx.externalAccount(audience, jwt(), null);
        AccessToken token = creds.refreshAccessToken();
        assertThat(token.getTokenValue()).startsWith("sandbox-sts-");
    }

    @Test
    void successBodyHasTheStsShapeAndLifetimeCappedByExp() throws Exception {
        var r = fx.sts(audience, jwt());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("issued_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(r.json().get("expires_in").isIntegralNumber()).isTrue();
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(300);

        String longLived = TestIssuer.sign(issuer.key, ISSUER, audience, now, now.plusSeconds(7200), Map.of());
        assertThat(fx.sts(audience, longLived).json().get("expires_in").asLong()).isEqualTo(3600);
    }

    @Test
    void discoveredJwksOverLoopbackVerifiesTheToken() throws Exception {
        issuer.serve(fx.issuers);
        fx.createPool("discovered");
        fx.createProvider("discovered", "gitlab", SandboxFixture.provider(ISSUER, null, "assertion.namespace_path == \"acme\""));
        String aud = fx.defaultAudience("discovered", "gitlab");
        AccessToken token = fx.externalAccount(aud, issuer.token(aud, now, Map.of()), null).refreshAccessToken();
        assertThat(token.getTokenValue()).startsWith("sandbox-sts-");
    }

    @Test
    void discoveryMayNameTheJwksByItsLoopbackUrl() throws Exception {
        issuer.loopbackJwksUri = true;
        issuer.serve(fx.issuers);
        fx.createPool("discovered");
        fx.createProvider("discovered", "gitlab", SandboxFixture.provider(ISSUER, null, "assertion.namespace_path == \"acme\""));
        String aud = fx.defaultAudience("discovered", "gitlab");
        assertThat(fx.sts(aud, issuer.token(aud, now, Map.of())).status()).isEqualTo(200);
    }

    @Test
    void jsonBodyWithCamelCaseFieldsIsAcceptedToo() throws Exception {
        String body = fx.mapper.writeValueAsString(Map.of(
                "grantType", "urn:ietf:params:oauth:grant-type:token-exchange",
                "audience", audience,
                "requestedTokenType", "urn:ietf:params:oauth:token-type:access_token",
                "subjectTokenType", SandboxFixture.JWT_TYPE,
                "subjectToken", jwt()));
        var r = fx.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(fx.sandbox.baseUrl() + "/sts.googleapis.com/v1/token"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("access_token").asText()).startsWith("sandbox-sts-");
    }

    @Test
    void unregisteredIssuerAndUnknownKidAreUnreachable() throws Exception {
        fx.createPool("discovered");
        fx.createProvider("discovered", "gitlab", SandboxFixture.provider(ISSUER, null, "assertion.namespace_path == \"acme\""));
        String aud = fx.defaultAudience("discovered", "gitlab");
        var unregistered = fx.sts(aud, issuer.token(aud, now, Map.of()));
        assertError(unregistered, "invalid_grant", ErrorTexts.ISSUER_UNREACHABLE);

        // registered, but nothing listens there
        fx.issuers.register(ISSUER, java.net.URI.create("http://127.0.0.1:1"));
        assertError(fx.sts(aud, issuer.token(aud, now, Map.of())), "invalid_grant", ErrorTexts.ISSUER_UNREACHABLE);

        issuer.serve(fx.issuers);
        RSAKey other = new RSAKeyGenerator(2048).keyID("rotated-away").generate();
        var unknownKid = fx.sts(aud, TestIssuer.sign(other, ISSUER, aud, now, now.plusSeconds(300), Map.of()));
        assertError(unknownKid, "invalid_grant", ErrorTexts.ISSUER_UNREACHABLE);

        Throwable viaLibrary = catchThrowable(() -> fx.externalAccount(aud,
                TestIssuer.sign(other, ISSUER, aud, now, now.plusSeconds(300), Map.of()), null).refreshAccessToken());
        assertThat(viaLibrary).hasMessageContaining(ErrorTexts.ISSUER_UNREACHABLE);
    }

    @Test
    void wrongKeyWithTheSameKidIsABadSignature() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("key-1").generate();
        String forged = TestIssuer.sign(impostor, ISSUER, audience, now, now.plusSeconds(300), Map.of());
        assertError(fx.sts(audience, forged), "invalid_grant", ErrorTexts.SIGNATURE_INVALID);

        Throwable e = catchThrowable(() -> fx.externalAccount(audience, forged, null).refreshAccessToken());
        assertThat(e).hasMessageContaining(ErrorTexts.SIGNATURE_INVALID);
    }

    @Test
    void issuerMustMatchExactly() throws Exception {
        String slash = TestIssuer.sign(issuer.key, ISSUER + "/", audience, now, now.plusSeconds(300), Map.of());
        assertError(fx.sts(audience, slash), "invalid_grant", ErrorTexts.issuerMismatch(ISSUER + "/", ISSUER));

        String plain = TestIssuer.sign(issuer.key, "gitlab.sandbox.wifdesk.test", audience, now, now.plusSeconds(300), Map.of());
        assertError(fx.sts(audience, plain), "invalid_grant", ErrorTexts.issuerNotFound("gitlab.sandbox.wifdesk.test"));
    }

    @Test
    void audienceMustBeAllowed() throws Exception {
        String wrongAud = TestIssuer.sign(issuer.key, ISSUER, "https://gitlab.com", now, now.plusSeconds(300), Map.of());
        assertError(fx.sts(audience, wrongAud), "invalid_grant", ErrorTexts.audienceMismatch("https://gitlab.com"));
        Throwable e = catchThrowable(() -> fx.externalAccount(audience, wrongAud, null).refreshAccessToken());
        assertThat(e).hasMessageContaining(ErrorTexts.audienceMismatch("https://gitlab.com"));

        String httpsForm = TestIssuer.sign(issuer.key, ISSUER, "https:" + audience, now, now.plusSeconds(300), Map.of());
        assertThat(fx.sts(audience, httpsForm).status()).isEqualTo(200);

        // once allowed audiences are set, the default audience stops working
        fx.providers().patch(fx.providerName("gitlab-ci", "gitlab"),
                new WorkloadIdentityPoolProvider().setOidc(new Oidc().setAllowedAudiences(List.of("wifdesk"))))
                .setUpdateMask("oidc.allowed_audiences").execute();
        assertError(fx.sts(audience, jwt()), "invalid_grant", ErrorTexts.audienceMismatch(audience));
        String custom = TestIssuer.sign(issuer.key, ISSUER, "wifdesk", now, now.plusSeconds(300), Map.of());
        assertThat(fx.sts(audience, custom).status()).isEqualTo(200);
    }

    @Test
    void expiredTokenIsStale() throws Exception {
        Instant iat = now.minusSeconds(900);
        String old = TestIssuer.sign(issuer.key, ISSUER, audience, iat, iat.plusSeconds(300), Map.of());
        assertError(fx.sts(audience, old), "invalid_grant", ErrorTexts.tokenStale(iat.getEpochSecond()));
    }

    @Test
    void conditionRejectionIsUnauthorizedClient() throws Exception {
        String fork = issuer.token(audience, now, Map.of("namespace_path", "someone-else"));
        assertError(fx.sts(audience, fork), "unauthorized_client", ErrorTexts.CONDITION_REJECTED);
        Throwable e = catchThrowable(() -> fx.externalAccount(audience, fork, null).refreshAccessToken());
        assertThat(e).hasMessageContaining(ErrorTexts.CONDITION_REJECTED);
    }

    @Test
    void conditionOnAMissingClaimRejectsInsteadOfFailing() throws Exception {
        fx.providers().patch(fx.providerName("gitlab-ci", "gitlab"), new WorkloadIdentityPoolProvider()
                .setAttributeCondition("assertion.environment == \"production\"")).setUpdateMask("attributeCondition").execute();
        assertError(fx.sts(audience, jwt()), "unauthorized_client", ErrorTexts.CONDITION_REJECTED);
        String withEnv = issuer.token(audience, now, Map.of("environment", "production"));
        assertThat(fx.sts(audience, withEnv).status()).isEqualTo(200);
    }

    @Test
    void subjectTooLongAndNotStringAreRefused() throws Exception {
        String longSub = issuer.token(audience, now, Map.of("sub", "project_path:" + "deep/".repeat(30) + "x"));
        assertError(fx.sts(audience, longSub), "invalid_request", ErrorTexts.SUBJECT_TOO_LONG);

        fx.createPool("numeric");
        WorkloadIdentityPoolProvider p = SandboxFixture.provider(ISSUER, issuer.jwksJson(), "assertion.namespace_path == \"acme\"");
        p.setAttributeMapping(Map.of("google.subject", "assertion.user_id"));
        fx.createProvider("numeric", "gitlab", p);
        String aud = fx.defaultAudience("numeric", "gitlab");
        String numeric = issuer.token(aud, now, Map.of("user_id", 42));
        assertError(fx.sts(aud, numeric), "invalid_request", ErrorTexts.SUBJECT_NOT_STRING);
    }

    @Test
    void audienceParameterMustNameAProvider() throws Exception {
        String poolOnly = "//iam.googleapis.com/" + fx.poolName("gitlab-ci");
        assertError(fx.sts(poolOnly, jwt()), "invalid_request",
                ErrorTexts.INVALID_AUDIENCE_PARAMETER + StsApi.AUDIENCE_FORMATS_HINT);
        String noPrefix = fx.providerName("gitlab-ci", "gitlab");
        assertError(fx.sts(noPrefix, jwt()), "invalid_request",
                ErrorTexts.INVALID_AUDIENCE_PARAMETER + StsApi.AUDIENCE_FORMATS_HINT);
        Throwable e = catchThrowable(() -> fx.externalAccount(poolOnly, jwt(), null).refreshAccessToken());
        assertThat(e).hasMessageContaining(ErrorTexts.INVALID_AUDIENCE_PARAMETER);
    }

    @Test
    void projectIdMissingDisabledOrDeletedTargetsAreInvalidTarget() throws Exception {
        String byId = "//iam.googleapis.com/projects/sandbox-project/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab";
        assertError(fx.sts(byId, jwt()), "invalid_target", ErrorTexts.INVALID_TARGET);
        String missing = fx.defaultAudience("gitlab-ci", "nope");
        assertError(fx.sts(missing, jwt()), "invalid_target", ErrorTexts.INVALID_TARGET);

        fx.providers().patch(fx.providerName("gitlab-ci", "gitlab"), new WorkloadIdentityPoolProvider().setDisabled(true))
                .setUpdateMask("disabled").execute();
        assertError(fx.sts(audience, jwt()), "invalid_target", ErrorTexts.INVALID_TARGET);
        fx.providers().patch(fx.providerName("gitlab-ci", "gitlab"), new WorkloadIdentityPoolProvider().setDisabled(false))
                .setUpdateMask("disabled").execute();
        assertThat(fx.sts(audience, jwt()).status()).isEqualTo(200);

        fx.pools().patch(fx.poolName("gitlab-ci"), new WorkloadIdentityPool().setDisabled(true)).setUpdateMask("disabled")
                .execute();
        assertError(fx.sts(audience, jwt()), "invalid_target", ErrorTexts.INVALID_TARGET);
        fx.pools().delete(fx.poolName("gitlab-ci")).execute();
        assertError(fx.sts(audience, jwt()), "invalid_target", ErrorTexts.INVALID_TARGET);
        Throwable e = catchThrowable(() -> fx.externalAccount(audience, jwt(), null).refreshAccessToken());
        assertThat(e).hasMessageContaining(ErrorTexts.INVALID_TARGET);
    }

    @Test
    void malformedRequestsAreInvalidRequest() throws Exception {
        var r = fx.stsForm(Map.of("grant_type", "password", "audience", audience));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(r.json().get("error_description").asText()).contains("grant_type");

        var garbage = fx.sts(audience, "not-a-jwt");
        assertThat(garbage.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void authLibraryReportsTheOAuthErrorCodeAndDescriptionOfAnUnparseableToken() throws Exception {
        // invalid_grant "Unable to parse the ID Token." as quoted from real STS answers in public client tests
        GoogleCredentials creds = fx.externalAccount(audience, "not-a-jwt", null);
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(creds::refreshAccessToken);
        assertThat(e).isInstanceOf(java.io.IOException.class);
        assertThat(SandboxFixture.messages(e)).contains("invalid_grant").contains("Unable to parse the ID Token.");
    }

    private static void assertError(SandboxFixture.Raw r, String code, String description) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo(code);
        assertThat(r.json().get("error_description").asText()).isEqualTo(description);
    }
}
