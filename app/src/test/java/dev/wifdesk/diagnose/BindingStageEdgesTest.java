package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the binding stage says, exactly, when a binding matches, is missing, or cannot be judged. */
class BindingStageEdgesTest {
    private static final String POOL = Fixtures.POOL_PREFIX + "gitlab-ci/";
    private static final String SA = "runner@sandbox-project.iam.gserviceaccount.com";
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private static IamPolicy policy(String role, String... members) throws Exception {
        return IamPolicy.fromJson(new ObjectMapper().writeValueAsString(Map.of("version", 1, "etag", "BwYkR3mB1x0=",
                "bindings", List.of(Map.of("role", role, "members", List.of(members))))));
    }

    private Diagnosis run(IamPolicy policy) {
        return engine.diagnose(Fixtures.input(Fixtures.claims("main-protected")).policy(policy).serviceAccount(SA).build());
    }

    private static StageResult binding(Diagnosis d) {
        return d.stage(Stage.BINDING).orElseThrow();
    }

    @Test
    void aMatchingBindingPassesAndNamesTheMember() {
        Diagnosis d = run(IamPolicy.fromJson(Fixtures.text("policy-ok.json")));
        assertThat(binding(d)).isEqualTo(StageResult.pass(Stage.BINDING,
                "granted to " + POOL + "attribute.project_path/acme/pipelines (roles/iam.workloadIdentityUser)"));
    }

    @Test
    void theTokenCreatorRoleAlsoGrantsAndTheSubjectPrincipalMatches() throws Exception {
        String subject = "principal://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/"
                + "subject/project_path:acme/pipelines:ref_type:branch:ref:main";
        Diagnosis d = run(policy("roles/iam.serviceAccountTokenCreator", subject));
        assertThat(binding(d)).isEqualTo(StageResult.pass(Stage.BINDING, "granted to " + subject + " (roles/iam.serviceAccountTokenCreator)"));
        assertThat(d.findings()).isEmpty();
    }

    @Test
    void theRightPrincipalWithAnotherRoleIsNamedAsMissingTheRole() throws Exception {
        String member = POOL + "attribute.project_path/acme/pipelines";
        Diagnosis d = run(policy("roles/viewer", member));
        assertThat(binding(d)).isEqualTo(StageResult.fail(Stage.BINDING, "no binding matches this token"));
        Finding f = d.finding(FindingCode.BINDING_MISSING).orElseThrow();
        assertThat(f.message()).startsWith("No member of the service account's policy matches this token's principals (")
                .endsWith("with roles/iam.workloadIdentityUser; the token's principal has only roles/viewer.");
        assertThat(f.fix()).isEqualTo("gcloud iam service-accounts add-iam-policy-binding " + SA
                + " --role=roles/iam.workloadIdentityUser --member='" + member + "'");
        assertThat(f.evidence()).containsEntry("expected", member).containsEntry("actual", "[]");
    }

    @Test
    void withoutATokenTheMembersAreCheckedStaticallyAndTheFixIsATemplate() throws Exception {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider())
                .policy(policy("roles/viewer", "user:someone@example.com")).build());
        assertThat(binding(d)).isEqualTo(StageResult.fail(Stage.BINDING, "no usable binding"));
        Finding f = d.finding(FindingCode.BINDING_MISSING).orElseThrow();
        assertThat(f.message()).isEqualTo("No federated principal holds roles/iam.workloadIdentityUser on the service account.");
        assertThat(f.evidence()).containsEntry("expected", POOL + "attribute.project_path/GROUP/PROJECT");
        assertThat(f.fix()).contains("add-iam-policy-binding SA_EMAIL ");
    }

    @Test
    void withoutAnyProviderTheTemplateHasPlaceholders() throws Exception {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().policy(policy("roles/viewer", "user:someone@example.com")).build());
        assertThat(d.finding(FindingCode.BINDING_MISSING).orElseThrow().evidence()).containsEntry("expected",
                "principalSet://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/attribute.project_path/GROUP/PROJECT");
    }

    @Test
    void aMappingThatFailsLeavesTheTokenWithoutAPrincipal() throws Exception {
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected"))
                .provider(Fixtures.provider("attributeMapping", Map.of("google.subject", "assertion.environment")))
                .policy(policy("roles/iam.workloadIdentityUser", POOL + "attribute.project_path/acme/pipelines")).build());
        assertThat(binding(d)).isEqualTo(StageResult.fail(Stage.BINDING,
                "the token has no principal (its mapping fails); members checked statically"));
    }

    @Test
    void listAndNumberAttributesBecomePrincipalSetsOfTheirValues() {
        var ref = dev.wifdesk.model.ResourceNames.parseProvider(Fixtures.PROVIDER_NAME).orElseThrow();
        var evaluator = new dev.wifdesk.cel.FederationEvaluator(new dev.wifdesk.cel.CelEngine());
        var mapping = evaluator.map(Map.of("google.subject", "assertion.sub", "attribute.groups", "[assertion.namespace_path, 'ops']",
                "attribute.runner", "assertion.runner_id"), Fixtures.claims("main-protected"));
        assertThat(BindingStage.principals(ref, mapping)).extracting(p -> p.format()).contains(
                POOL + "attribute.groups/acme", POOL + "attribute.groups/ops", POOL + "attribute.runner/12270837", POOL + "*");
    }
}
