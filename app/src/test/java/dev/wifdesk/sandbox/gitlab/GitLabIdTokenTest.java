package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OIDC discovery, JWKS and the ID tokens the sandbox GitLab mints, checked with nimbus. */
class GitLabIdTokenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private GitLabSandbox gitlab;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults());
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    @Test
    void discoveryNamesTheHttpsIssuerAndItsJwksUri() throws Exception {
        JsonNode d = JSON.readTree(get("/.well-known/openid-configuration"));
        assertThat(d.get("issuer").asText()).isEqualTo("https://gitlab.sandbox.wifdesk.test");
        assertThat(d.get("jwks_uri").asText()).isEqualTo("https://gitlab.sandbox.wifdesk.test/oauth/discovery/keys");
        assertThat(d.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
    }

    @Test
    void mintedTokenVerifiesAgainstTheServedJwks() throws Exception {
        JWKSet served = JWKSet.parse(get("/oauth/discovery/keys"));
        assertThat(served.getKeys()).hasSize(1);
        RSAKey key = (RSAKey) served.getKeys().get(0);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyID()).isEqualTo(gitlab.keyId());

        SignedJWT jwt = SignedJWT.parse(gitlab.mintIdToken(IdTokenRequest.forAudience("https://gitlab.sandbox.wifdesk.test")));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void defaultTokenCarriesGitLabsClaimSetWithStringBooleansAndIds() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        JWTClaimsSet c = SignedJWT.parse(gitlab.mintIdToken(IdTokenRequest.forAudience("aud-1"))).getJWTClaimsSet();
        Map<String, Object> claims = c.getClaims();

        assertThat(claims.keySet()).contains("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "namespace_id",
                "namespace_path", "project_id", "project_path", "user_id", "user_login", "user_email",
                "user_access_level", "pipeline_id", "pipeline_source", "job_id", "ref", "ref_type", "ref_path",
                "ref_protected", "runner_id", "runner_environment", "sha", "ci_config_ref_uri", "ci_config_sha",
                "project_visibility", "job_project_id", "job_project_path", "job_namespace_id", "job_namespace_path");
        assertThat(claims).doesNotContainKeys("environment", "environment_protected", "deployment_tier",
                "environment_action");
        assertThat(c.getIssuer()).isEqualTo(GitLabSandbox.ISSUER);
        assertThat(c.getAudience()).containsExactly("aud-1");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(
                gitlab.mintIdToken(IdTokenRequest.forAudience("aud-1")).split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"aud\":\"aud-1\"").contains("\"runner_id\":1").contains("\"ref_protected\":\"true\"");
        assertThat(c.getSubject()).isEqualTo("project_path:acme/pipelines:ref_type:branch:ref:main");
        assertThat(claims.get("ref_protected")).isEqualTo("true");
        assertThat(claims.get("project_id")).isEqualTo("4242");
        assertThat(claims.get("namespace_id")).isEqualTo("1717");
        assertThat(claims.get("namespace_path")).isEqualTo("acme");
        assertThat(claims.get("ref_path")).isEqualTo("refs/heads/main");
        assertThat(claims.get("user_access_level")).isEqualTo("maintainer");
        assertThat(claims.get("ci_config_ref_uri"))
                .isEqualTo("gitlab.sandbox.wifdesk.test/acme/pipelines//.gitlab-ci.yml@refs/heads/main");
        assertThat(claims.get("sha")).isEqualTo(claims.get("ci_config_sha"));
        assertThat(Duration.between(c.getIssueTime().toInstant(), c.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(c.getIssueTime().toInstant()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(c.getNotBeforeTime()).isBefore(c.getIssueTime());
    }

    @Test
    void tagsEnvironmentsForksAndLongPathsChangeTheClaims() throws Exception {
        JWTClaimsSet tag = claims(IdTokenRequest.forAudience("a").withRef("v1.0.0"));
        assertThat(tag.getSubject()).isEqualTo("project_path:acme/pipelines:ref_type:tag:ref:v1.0.0");
        assertThat(tag.getClaim("ref_path")).isEqualTo("refs/tags/v1.0.0");

        JWTClaimsSet develop = claims(IdTokenRequest.forAudience("a").withRef("develop")
                .withEnvironment(new IdTokenRequest.Environment("production", true, "production", "start")));
        assertThat(develop.getClaim("ref_protected")).isEqualTo("false");
        assertThat(develop.getClaim("environment")).isEqualTo("production");
        assertThat(develop.getClaim("environment_protected")).isEqualTo("true");
        assertThat(develop.getClaim("deployment_tier")).isEqualTo("production");

        JWTClaimsSet fork = claims(IdTokenRequest.forAudience("a").withForkProject(GitLabSandbox.FORK_PROJECT_PATH)
                .withRef("patch-1"));
        assertThat(fork.getClaim("project_path")).isEqualTo("contractor/pipelines");
        assertThat(fork.getClaim("project_id")).isEqualTo("5151");
        assertThat(fork.getClaim("namespace_path")).isEqualTo("contractor");
        assertThat(fork.getClaim("job_project_path")).isEqualTo("acme/pipelines");
        assertThat(fork.getClaim("job_project_id")).isEqualTo("4242");
        assertThat(fork.getClaim("pipeline_source")).isEqualTo("merge_request_event");

        String deep = "acme/platform/data-engineering/batch-processing/dataflow/pipelines-for-the-quarterly-reports";
        JWTClaimsSet longOne = claims(IdTokenRequest.forAudience("a").withProjectPath(deep)
                .withRef("feature/very-long-branch-name-for-the-subject-limit"));
        assertThat(longOne.getSubject().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(127);
        assertThat(longOne.getClaim("namespace_path")).isEqualTo(deep.substring(0, deep.lastIndexOf('/')));

        JWTClaimsSet byId = claims(IdTokenRequest.forAudience("a")
                .withSubjectFormat(IdTokenRequest.SubjectFormat.PROJECT_ID));
        assertThat(byId.getSubject()).isEqualTo("project_id:4242:ref_type:branch:ref:main");

        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        JWTClaimsSet stale = claims(IdTokenRequest.forAudience("a").withIssuedAt(old).withLifetime(Duration.ofMinutes(30)));
        assertThat(stale.getIssueTime().toInstant()).isEqualTo(old);
        assertThat(stale.getExpirationTime().toInstant()).isEqualTo(old.plus(Duration.ofMinutes(30)));
    }

    @Test
    void stateDirKeepsTheSigningKeyAcrossRestarts(@TempDir Path dir) throws Exception {
        String kid;
        String token;
        try (GitLabSandbox first = GitLabSandbox.start(GitLabSandbox.Settings.defaults().withStateDir(dir))) {
            kid = first.keyId();
            token = first.mintIdToken(IdTokenRequest.forAudience("a"));
        }
        try (GitLabSandbox second = GitLabSandbox.start(GitLabSandbox.Settings.defaults().withStateDir(dir))) {
            assertThat(second.keyId()).isEqualTo(kid);
            RSAKey served = (RSAKey) JWKSet.parse(second.jwksJson()).getKeys().get(0);
            assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(served))).isTrue();
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve(SigningKey.FILE_NAME)))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    private JWTClaimsSet claims(IdTokenRequest request) throws Exception {
        return SignedJWT.parse(gitlab.mintIdToken(request)).getJWTClaimsSet();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gitlab.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return r.body();
    }
}
