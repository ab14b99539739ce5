package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.SandboxRouting;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.google.GoogleSandbox;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox STS refuses a token through google-auth-library; the diagnosis, given the token, the
 * provider read through the real {@link Iam} client and the error text the library surfaced, names
 * the right code and fix; applying the fix with an Iam patch makes the same exchange succeed.
 */
class DiagnoseEndToEndTest {
    private static final String ISSUER = "https://gitlab.sandbox.wifdesk.test";
    private static final String POOL = "gitlab-ci";
    private static final TestTokens GITLAB = new TestTokens("sandbox-key-1");
    private static GoogleSandbox sandbox;
    private static Iam iam;
    private final DiagnosisEngine engine = new DiagnosisEngine();
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = GoogleSandbox.start(SandboxOptions.defaults(), new IssuerDirectory());
        iam = new GoogleClients(Target.sandbox(sandbox.baseUrl(), sandbox.operatorToken(), sandbox.operatorEmail())).iam();
        iam.projects().locations().workloadIdentityPools().create("projects/" + sandbox.projectId() + "/locations/global",
                new WorkloadIdentityPool().setDisplayName("GitLab CI")).setWorkloadIdentityPoolId(POOL).execute();
        awaitExists(() -> iam.projects().locations().workloadIdentityPools()
                .get(ResourceNames.poolName(sandbox.projectNumber(), POOL)).execute());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private interface Call {
        Object run() throws Exception;
    }

    /** Long-running creates may finish a moment later: poll the resource, bounded. */
    private static void awaitExists(Call get) throws Exception {
        Exception last = null;
        for (int i = 0; i < 100; i++) {
            try {
                get.run();
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(20);
            }
        }
        throw last;
    }

    private String providerName(String id) {
        return ResourceNames.providerName(sandbox.projectNumber(), POOL, id);
    }

    private void createProvider(String id, Map<String, String> mapping, String condition) throws Exception {
        WorkloadIdentityPoolProvider p = new WorkloadIdentityPoolProvider().setDisplayName("GitLab sandbox")
                .setAttributeMapping(mapping).setAttributeCondition(condition)
                .setOidc(new Oidc().setIssuerUri(ISSUER).setAllowedAudiences(List.of(ISSUER)).setJwksJson(GITLAB.jwks()));
        iam.projects().locations().workloadIdentityPools().providers()
                .create(ResourceNames.poolName(sandbox.projectNumber(), POOL), p).setWorkloadIdentityPoolProviderId(id).execute();
        awaitExists(() -> providerJson(id));
    }

    /** The provider as the real client returns it, serialised with the client's own JSON factory. */
    private String providerJson(String id) throws Exception {
        return GoogleClients.JSON.toString(iam.projects().locations().workloadIdentityPools().providers()
                .get(providerName(id)).execute());
    }

    private static Map<String, String> mapping(String subject) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.subject", subject);
        m.put("attribute.project_path", "assertion.project_path");
        m.put("attribute.ref_protected", "assertion.ref_protected");
        return m;
    }

    private String token(Object... overrides) {
        Map<String, Object> claims = Fixtures.claims("main-protected");
        claims.put("aud", ISSUER);
        for (int i = 0; i < overrides.length; i += 2) {
            claims.put((String) overrides[i], overrides[i + 1]);
        }
        long now = Instant.now().getEpochSecond();
        claims.put("iss", ISSUER);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 300);
        return GITLAB.sign(claims);
    }

    /** The exchange exactly as a CI job does it: an external_account credential config read by google-auth-library. */
    private AccessToken exchange(String providerId, String jwt) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve(providerId + ".jwt"), jwt);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", "external_account");
        config.put("audience", "//iam.googleapis.com/" + providerName(providerId));
        config.put("subject_token_type", "urn:ietf:params:oauth:token-type:jwt");
        config.put("token_url", "https://sts.googleapis.com/v1/token");
        config.put("credential_source", Map.of("file", tokenFile.toString()));
        var transport = SandboxRouting.transport(sandbox.baseUrl());
        GoogleCredentials creds = GoogleCredentials.fromStream(new ByteArrayInputStream(new ObjectMapper()
                .writeValueAsBytes(config)), () -> transport).createScoped(List.of("https://www.googleapis.com/auth/cloud-platform"));
        return creds.refreshAccessToken();
    }

    /** What the job log shows: every message of the exception chain. */
    private String refusal(String providerId, String jwt) {
        Throwable t = catchThrowable(() -> exchange(providerId, jwt));
        assertThat(t).as("the sandbox STS must refuse this token").isNotNull();
        StringBuilder log = new StringBuilder("ERROR: ");
        for (Throwable c = t; c != null; c = c.getCause()) {
            log.append(c.getMessage()).append('\n');
        }
        return log.toString();
    }

    private Diagnosis diagnose(String providerId, String jwt, String errorText) throws Exception {
        return engine.diagnose(DiagnosisInput.builder().token(jwt).provider(ProviderInfo.fromJson(providerJson(providerId)))
                .errorText(errorText).stsAudience("//iam.googleapis.com/" + providerName(providerId)).build());
    }

    @Test
    void audienceTypoIsNamedAndAllowingItFixesTheExchange() throws Exception {
        createProvider("aud-typo", mapping("assertion.sub"), "assertion.namespace_path == \"acme\"");
        String jwt = token("aud", ISSUER + "/");
        String log = refusal("aud-typo", jwt);

        Diagnosis d = diagnose("aud-typo", jwt, log);
        assertThat(d.stage(Stage.ERROR_TEXT).orElseThrow().detail()).contains("#1");
        assertThat(d.finding(FindingCode.AUDIENCE_TYPO).orElseThrow().message()).contains("trailing slash");
        Finding mismatch = d.finding(FindingCode.AUDIENCE_MISMATCH).orElseThrow();
        String allowed = mismatch.fix().replaceFirst(".*--allowed-audiences=(\\S+).*", "$1");
        assertThat(allowed).isEqualTo(ISSUER + "," + ISSUER + "/");

        iam.projects().locations().workloadIdentityPools().providers().patch(providerName("aud-typo"),
                new WorkloadIdentityPoolProvider().setOidc(new Oidc().setAllowedAudiences(List.of(allowed.split(",")))))
                .setUpdateMask("oidc.allowed_audiences").execute();
        assertThat(exchange("aud-typo", jwt).getTokenValue()).isNotBlank();
        assertThat(diagnose("aud-typo", jwt, null).verdict()).isEqualTo("pass");
    }

    @Test
    void boolLiteralConditionIsNamedAndTheCorrectedCelFixesTheExchange() throws Exception {
        createProvider("bool-cond", mapping("assertion.sub"),
                "assertion.namespace_path == \"acme\" && assertion.ref_protected == true");
        String jwt = token();
        String log = refusal("bool-cond", jwt);

        Diagnosis d = diagnose("bool-cond", jwt, log);
        assertThat(d.stage(Stage.ERROR_TEXT).orElseThrow().detail()).contains("#2");
        assertThat(d.has(FindingCode.CONDITION_REJECTED)).isTrue();
        String corrected = d.finding(FindingCode.CONDITION_BOOL_AS_STRING).orElseThrow().evidence().get("correctedCondition");

        iam.projects().locations().workloadIdentityPools().providers().patch(providerName("bool-cond"),
                new WorkloadIdentityPoolProvider().setAttributeCondition(corrected)).setUpdateMask("attribute_condition").execute();
        assertThat(exchange("bool-cond", jwt).getTokenValue()).isNotBlank();
    }

    @Test
    void longSubjectIsNamedAndTheShorterMappingFixesTheExchange() throws Exception {
        createProvider("long-sub", mapping("assertion.sub"), "assertion.namespace_path.startsWith(\"acme\")");
        Map<String, Object> deep = Fixtures.claims("deep-group-long-branch");
        String jwt = token("sub", deep.get("sub"), "namespace_path", deep.get("namespace_path"),
                "project_path", deep.get("project_path"), "project_id", deep.get("project_id"), "ref", deep.get("ref"));
        String log = refusal("long-sub", jwt);

        Diagnosis d = diagnose("long-sub", jwt, log);
        assertThat(d.stage(Stage.ERROR_TEXT).orElseThrow().detail()).contains("#10");
        Finding f = d.finding(FindingCode.MAPPING_SUBJECT_TOO_LONG).orElseThrow();
        assertThat(f.fix()).contains("google.subject=" + MappingStage.SHORT_SUBJECT);

        iam.projects().locations().workloadIdentityPools().providers().patch(providerName("long-sub"),
                new WorkloadIdentityPoolProvider().setAttributeMapping(mapping(MappingStage.SHORT_SUBJECT)))
                .setUpdateMask("attribute_mapping").execute();
        assertThat(exchange("long-sub", jwt).getTokenValue()).isNotBlank();
    }
}
