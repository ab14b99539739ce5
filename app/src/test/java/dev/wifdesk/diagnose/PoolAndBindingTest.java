package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolAndBindingTest {
    private static final String POOL = Fixtures.POOL_PREFIX + "gitlab-ci/";
    private final DiagnosisEngine engine = new DiagnosisEngine();

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of("pool-disabled.json", null, FindingCode.POOL_DISABLED, "gcloud iam workload-identity-pools update gitlab-ci --location=global --project=428617359021 --no-disabled"),
                Arguments.of("pool-deleted.json", null, FindingCode.POOL_DELETED, "gcloud iam workload-identity-pools undelete gitlab-ci --location=global"),
                Arguments.of("pool-active.json", "disabled", FindingCode.PROVIDER_DISABLED, "update-oidc gitlab-com --location=global --workload-identity-pool=gitlab-ci --project=428617359021 --no-disabled"),
                Arguments.of("pool-active.json", "DELETED", FindingCode.PROVIDER_DELETED, "gcloud iam workload-identity-pools providers undelete gitlab-com --location=global --workload-identity-pool=gitlab-ci"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("states")
    void disabledOrDeletedPoolsAndProvidersBlockTheExchange(String pool, String providerState, FindingCode code, String fix) {
        ProviderInfo provider = providerState == null ? Fixtures.provider()
                : providerState.equals("disabled") ? Fixtures.provider("disabled", true) : Fixtures.provider("state", providerState);
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().provider(provider).pool(PoolInfo.fromJson(Fixtures.text(pool))).build());
        Finding f = d.finding(code).orElseThrow();
        assertThat(f.fix()).contains(fix);
        assertThat(d.stage(Stage.POOL).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
        assertThat(d.findings()).filteredOn(x -> x.code().name().startsWith("POOL_") || x.code().name().startsWith("PROVIDER_"))
                .hasSize(1);
    }

    private Diagnosis withPolicy(String claims, IamPolicy policy) {
        return engine.diagnose(Fixtures.input(Fixtures.claims(claims)).policy(policy)
                .serviceAccount("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com").build());
    }

    @Test
    void withoutThePoolOnlyTheProviderStateIsClaimed() {
        StageResult pool = engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider()).build())
                .stage(Stage.POOL).orElseThrow();
        assertThat(pool.status()).isEqualTo(StageResult.Status.PASS);
        assertThat(pool.detail()).startsWith("provider active").endsWith("pool state not given");
    }

    @Test
    void matchingPrincipalSetAndSubjectPrincipalPass() {
        assertThat(withPolicy("main-protected", Fixtures.policy(POOL + "attribute.project_path/acme/pipelines"))
                .stage(Stage.BINDING).orElseThrow().status()).isEqualTo(StageResult.Status.PASS);
        Diagnosis subject = withPolicy("main-protected", Fixtures.policy("principal://iam.googleapis.com/projects/428617359021/"
                + "locations/global/workloadIdentityPools/gitlab-ci/subject/project_path:acme/pipelines:ref_type:branch:ref:main"));
        assertThat(subject.findings()).isEmpty();
    }

    static Stream<Arguments> nearMisses() {
        String byId = "principalSet://iam.googleapis.com/projects/sandbox-project/locations/global/workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines";
        return Stream.of(
                Arguments.of(byId, FindingCode.BINDING_USES_PROJECT_ID, POOL + "attribute.project_path/acme/pipelines"),
                Arguments.of(Fixtures.POOL_PREFIX + "gitlab-pool/attribute.project_path/acme/pipelines", FindingCode.BINDING_WRONG_POOL,
                        "gitlab-ci"),
                Arguments.of(POOL + "attribute.repository/acme/pipelines", FindingCode.BINDING_ATTRIBUTE_NOT_MAPPED,
                        "--member='" + POOL + "attribute.project_path/acme/pipelines'"),
                Arguments.of(POOL + "attribute.user_login/jdoe", FindingCode.BINDING_ATTRIBUTE_NOT_MAPPED,
                        "attribute.user_login=assertion.user_login"),
                Arguments.of(POOL + "attribute.project_path/Acme/Pipelines", FindingCode.BINDING_VALUE_MISMATCH,
                        POOL + "attribute.project_path/acme/pipelines"),
                Arguments.of(POOL + "attribute.project_path/pipelines", FindingCode.BINDING_VALUE_MISMATCH,
                        POOL + "attribute.project_path/acme/pipelines"),
                Arguments.of(POOL + "attribute.Project-Path/acme/pipelines", FindingCode.BINDING_PRINCIPAL_MALFORMED, "remove-iam-policy-binding"),
                Arguments.of("principalSet://iam.googleapis.com/projects/428617359021/workloadIdentityPools/gitlab-ci/*",
                        FindingCode.BINDING_PRINCIPAL_MALFORMED, "remove-iam-policy-binding"),
                Arguments.of(POOL + "attribute.project_path/acme/other-project", FindingCode.BINDING_MISSING,
                        "--member='" + POOL + "attribute.project_path/acme/pipelines'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("nearMisses")
    void unmatchedBindingNamesTheNearMissMember(String member, FindingCode code, String fixContains) {
        Diagnosis d = withPolicy("main-protected", Fixtures.policy(member));
        Finding f = d.finding(code).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.fix()).contains(fixContains);
        assertThat(d.stage(Stage.BINDING).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
        if (code != FindingCode.BINDING_MISSING) {
            assertThat(d.has(FindingCode.BINDING_MISSING)).as("the near miss explains it").isFalse();
        }
        if (code != FindingCode.BINDING_PRINCIPAL_MALFORMED && !fixContains.contains("attribute.user_login=")) {
            assertThat(f.fix()).contains("gitlab-dataflow@sandbox-project.iam.gserviceaccount.com");
        }
    }

    @Test
    void forkMergeRequestTokenDoesNotMatchTheParentsBinding() {
        Diagnosis d = withPolicy("fork-mr", Fixtures.policy(POOL + "attribute.project_path/acme/pipelines"));
        // the condition already rejects it; the binding still shows the fork's path is not granted
        assertThat(d.has(FindingCode.CONDITION_REJECTED)).isTrue();
        assertThat(d.stage(Stage.BINDING).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
    }

    @Test
    void roleOtherThanWorkloadIdentityUserIsMissing() {
        IamPolicy policy = IamPolicy.fromJson("{\"bindings\":[{\"role\":\"roles/iam.serviceAccountUser\",\"members\":[\""
                + POOL + "attribute.project_path/acme/pipelines\"]}],\"etag\":\"ACAB\"}");
        Finding f = withPolicy("main-protected", policy).finding(FindingCode.BINDING_MISSING).orElseThrow();
        assertThat(f.message()).contains("has only roles/iam.serviceAccountUser");
        assertThat(f.fix()).contains("--role=roles/iam.workloadIdentityUser");
    }

    @Test
    void staleMemberNextToAWorkingOneIsOnlyAWarning() {
        Diagnosis d = withPolicy("main-protected", Fixtures.policy(POOL + "attribute.project_path/acme/pipelines",
                "principalSet://iam.googleapis.com/projects/sandbox-project/locations/global/workloadIdentityPools/gitlab-ci/*"));
        assertThat(d.finding(FindingCode.BINDING_USES_PROJECT_ID).orElseThrow().severity()).isEqualTo(Severity.WARNING);
        assertThat(d.verdict()).isEqualTo("pass");
    }

    @Test
    void wholePoolOnGitlabComWithoutTightConditionIsTooBroadEvenWhenItWorks() {
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected"))
                .provider(Fixtures.provider("attributeCondition", "assertion.ref_protected == \"true\""))
                .policy(Fixtures.policy(POOL + "*")).build());
        Finding f = d.finding(FindingCode.BINDING_TOO_BROAD).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.fix()).contains("attribute.project_path/acme/pipelines");
        assertThat(d.verdict()).isEqualTo("pass");
        assertThat(d.stage(Stage.BINDING).orElseThrow().status()).isEqualTo(StageResult.Status.PASS);

        // a condition pinning the group makes the pool-wide grant acceptable
        Diagnosis pinned = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected"))
                .policy(Fixtures.policy(POOL + "*")).build());
        assertThat(pinned.has(FindingCode.BINDING_TOO_BROAD)).isFalse();
    }

    @Test
    void namespaceWideGrantWithoutConditionIsTooBroad() {
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected"))
                .provider(Fixtures.provider("attributeCondition", null))
                .policy(Fixtures.policy(POOL + "attribute.namespace_path/acme")).build());
        assertThat(d.has(FindingCode.BINDING_TOO_BROAD)).isTrue();
        assertThat(d.has(FindingCode.CONDITION_MISSING)).isTrue();
    }

    @Test
    void policyWithoutAnyFederatedMemberIsMissingEvenWithoutAToken() {
        IamPolicy empty = IamPolicy.fromJson("{\"etag\":\"ACAB\"}");
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider()).policy(empty).build());
        assertThat(d.finding(FindingCode.BINDING_MISSING).orElseThrow().fix())
                .contains(Fixtures.POOL_PREFIX + "gitlab-ci/attribute.project_path/GROUP/PROJECT");
    }
}
