package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.sandbox.VerificationFixture;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.sandbox.gitlab.IdTokenRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole loop for each kind of misconfiguration: the sandbox GitLab issues a real ID token, the
 * two-step exchange ({@link LiveExchange}: STS, then IAM Credentials) is refused by the sandbox,
 * the diagnosis of the token + the live provider/pool/policy (read through the real Iam client) +
 * the server's text names the right code and fix, and once the fix is applied the exchange succeeds.
 */
class LiveExchangeDiagnosisTest {
    private static final String WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";

    private VerificationFixture fx;
    private Iam iam;
    private LiveExchange exchange;
    private final DiagnosisEngine engine = new DiagnosisEngine();

    @BeforeEach
    void start() throws Exception {
        fx = new VerificationFixture();
        fx.createServiceAccountAndGrants();
        iam = fx.operator.iam();
        exchange = new LiveExchange(fx.operator);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String token(IdTokenRequest request) {
        return fx.sandbox.gitlab().mintIdToken(request);
    }

    private String goodToken() {
        return token(IdTokenRequest.forAudience(GitLabSandbox.ISSUER));
    }

    private String providerName() {
        return fx.provider.substring("//iam.googleapis.com/".length());
    }

    private String saResource() {
        return dev.wifdesk.cloud.ServiceAccountNames.resource(fx.serviceAccount, fx.sandbox.google().projectId());
    }

    /** Diagnoses exactly what an engineer would have: token, live provider/pool/policy, server text. */
    private Diagnosis diagnose(String jwt, LiveExchange.Result result, String stsAudience) throws Exception {
        var pools = iam.projects().locations().workloadIdentityPools();
        String provider = GoogleClients.JSON.toString(pools.providers().get(providerName()).execute());
        String pool = GoogleClients.JSON.toString(pools.get(fx.pool).execute());
        String policy = GoogleClients.JSON.toString(new ServiceAccountPolicyEditor(iam).read(saResource()));
        return engine.diagnose(DiagnosisInput.builder().token(jwt).jwksJson(fx.sandbox.gitlab().jwksJson())
                .provider(ProviderInfo.fromJson(provider)).pool(PoolInfo.fromJson(pool)).policy(IamPolicy.fromJson(policy))
                .projectNumber(fx.sandbox.google().projectNumber()).projectId(fx.sandbox.google().projectId())
                .serviceAccount(fx.serviceAccount).stsAudience(stsAudience).errorText(result.serverText())
                .now(Instant.now()).build());
    }

    @Test
    void aCorrectSetupExchangesAndReportsOnlyTheExpiry() throws Exception {
        String jwt = goodToken();
        LiveExchange.Result result = exchange.run(jwt, fx.provider, fx.serviceAccount);

        assertThat(result.succeeded()).as(result.serverText()).isTrue();
        assertThat(result.accessTokenExpireTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(result.toString()).doesNotContain(jwt).doesNotContain("eyJ");
        assertThat(diagnose(jwt, result, fx.provider).verdict()).isEqualTo("pass");
    }

    @Test
    void audienceTypoFailsAtStsIsNamedAndAllowingTheAudienceFixesIt() throws Exception {
        String jwt = token(IdTokenRequest.forAudience(GitLabSandbox.ISSUER + "/"));
        LiveExchange.Result refused = exchange.run(jwt, fx.provider, fx.serviceAccount);

        assertThat(refused.failedStep()).isEqualTo(LiveExchange.Step.STS);
        assertThat(refused.serverText()).contains(ErrorTexts.audienceMismatch(GitLabSandbox.ISSUER + "/"));
        Diagnosis d = diagnose(jwt, refused, fx.provider);
        assertThat(d.finding(FindingCode.AUDIENCE_TYPO).orElseThrow().message()).contains("trailing slash");
        assertThat(d.finding(FindingCode.AUDIENCE_MISMATCH).orElseThrow().fix()).contains("--allowed-audiences=");

        iam.projects().locations().workloadIdentityPools().providers().patch(providerName(),
                new WorkloadIdentityPoolProvider().setOidc(new Oidc().setAllowedAudiences(
                        List.of(GitLabSandbox.ISSUER, GitLabSandbox.ISSUER + "/")))).setUpdateMask("oidc.allowed_audiences").execute();
        assertThat(exchange.run(jwt, fx.provider, fx.serviceAccount).succeeded()).isTrue();
    }

    @Test
    void unprotectedBranchIsRejectedByTheConditionAndTheFalsePartIsNamed() throws Exception {
        String jwt = token(IdTokenRequest.forAudience(GitLabSandbox.ISSUER).withRef("develop"));
        LiveExchange.Result refused = exchange.run(jwt, fx.provider, fx.serviceAccount);

        assertThat(refused.failedStep()).isEqualTo(LiveExchange.Step.STS);
        assertThat(refused.serverText()).contains(ErrorTexts.CONDITION_REJECTED);
        Finding f = diagnose(jwt, refused, fx.provider).finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(f.message()).contains("ref_protected");
    }

    @Test
    void disabledProviderIsInvalidTargetAndEnablingItFixesIt() throws Exception {
        var providers = iam.projects().locations().workloadIdentityPools().providers();
        providers.patch(providerName(), new WorkloadIdentityPoolProvider().setDisabled(true)).setUpdateMask("disabled").execute();
        String jwt = goodToken();
        LiveExchange.Result refused = exchange.run(jwt, fx.provider, fx.serviceAccount);

        assertThat(refused.failedStep()).isEqualTo(LiveExchange.Step.STS);
        assertThat(refused.serverText()).contains(ErrorTexts.INVALID_TARGET);
        assertThat(diagnose(jwt, refused, fx.provider).has(FindingCode.PROVIDER_DISABLED)).isTrue();

        providers.patch(providerName(), new WorkloadIdentityPoolProvider().setDisabled(false)).setUpdateMask("disabled").execute();
        assertThat(exchange.run(jwt, fx.provider, fx.serviceAccount).succeeded()).isTrue();
    }

    @Test
    void projectIdInTheStsAudienceIsNamed() throws Exception {
        String withId = fx.provider.replace("/projects/" + fx.sandbox.google().projectNumber() + "/",
                "/projects/" + fx.sandbox.google().projectId() + "/");
        String jwt = goodToken();
        LiveExchange.Result refused = exchange.run(jwt, withId, fx.serviceAccount);

        assertThat(refused.failedStep()).isEqualTo(LiveExchange.Step.STS);
        assertThat(refused.serverText()).contains(ErrorTexts.INVALID_TARGET);
        assertThat(diagnose(jwt, refused, withId).has(FindingCode.AUDIENCE_PROJECT_ID)).isTrue();
        assertThat(exchange.run(jwt, fx.provider, fx.serviceAccount).succeeded()).isTrue();
    }

    @Test
    void missingBindingFailsAtImpersonationAndAddingTheNamedMemberFixesIt() throws Exception {
        replaceWorkloadIdentityUsers(List.of());
        String jwt = goodToken();
        LiveExchange.Result refused = exchange.run(jwt, fx.provider, fx.serviceAccount);

        assertThat(refused.failedStep()).isEqualTo(LiveExchange.Step.IMPERSONATION);
        assertThat(refused.httpStatus()).isEqualTo(403);
        assertThat(refused.serverText()).isEqualTo(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
        Diagnosis d = diagnose(jwt, refused, fx.provider);
        assertThat(d.has(FindingCode.PERMISSION_DENIED_GET_ACCESS_TOKEN)).isTrue();
        Finding missing = d.finding(FindingCode.BINDING_MISSING).orElseThrow();
        String member = "principalSet://iam.googleapis.com/" + fx.pool + "/attribute.project_path/acme/pipelines";
        assertThat(missing.fix()).contains(member);

        Policy after = new ServiceAccountPolicyEditor(iam).apply(new PolicyChange(saResource(), WORKLOAD_IDENTITY_USER, member, true));
        assertThat(after.getBindings()).extracting(Binding::getRole).contains("roles/iam.serviceAccountUser");
        assertThat(exchange.run(jwt, fx.provider, fx.serviceAccount).succeeded()).isTrue();
    }

    @Test
    void memberWithTheProjectIdIsNamedAsTheNearMiss() throws Exception {
        String byId = "principalSet://iam.googleapis.com/projects/" + fx.sandbox.google().projectId()
                + "/locations/global/workloadIdentityPools/" + VerificationFixture.POOL_ID + "/attribute.project_path/acme/pipelines";
        replaceWorkloadIdentityUsers(List.of(byId));
        String jwt = goodToken();
        LiveExchange.Result refused = exchange.run(jwt, fx.provider, fx.serviceAccount);

        assertThat(refused.failedStep()).isEqualTo(LiveExchange.Step.IMPERSONATION);
        Finding nearMiss = diagnose(jwt, refused, fx.provider).finding(FindingCode.BINDING_USES_PROJECT_ID).orElseThrow();
        assertThat(nearMiss.evidence().values()).anyMatch(v -> v.contains(byId));
    }

    /** Sets the workloadIdentityUser members, keeping every other binding (read-modify-write with the etag). */
    private void replaceWorkloadIdentityUsers(List<String> members) throws Exception {
        var editor = new ServiceAccountPolicyEditor(iam);
        Policy policy = editor.read(saResource());
        List<Binding> bindings = new ArrayList<>();
        for (Binding b : policy.getBindings()) {
            if (!WORKLOAD_IDENTITY_USER.equals(b.getRole())) {
                bindings.add(b);
            }
        }
        if (!members.isEmpty()) {
            bindings.add(new Binding().setRole(WORKLOAD_IDENTITY_USER).setMembers(members));
        }
        iam.projects().serviceAccounts().setIamPolicy(saResource(),
                new com.google.api.services.iam.v1.model.SetIamPolicyRequest().setPolicy(policy.setBindings(bindings))).execute();
    }
}
