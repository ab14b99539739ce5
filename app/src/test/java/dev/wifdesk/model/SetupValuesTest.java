package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.cel.FederationEvaluator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetupValuesTest {
    private static final String SPEC = """
            gcp:
              project: acme-data-prod
              pool: { id: gitlab-ci }
              provider:
                id: gitlab-com
                issuer: https://gitlab.com
                attributeMapping:
                  google.subject: assertion.sub
                  attribute.project_path: assertion.project_path
                attributeCondition: assertion.namespace_path == "acme"
              serviceAccount: { id: gitlab-dataflow }
              grant: [attribute.project_path/acme/pipelines]
              projectRoles: [roles/dataflow.developer, roles/dataflow.worker]
            environments:
              - name: production
                serviceAccount: { id: gitlab-dataflow-prod }
                protectedOnly: true
              - name: staging
                serviceAccount: { id: gitlab-dataflow-stg }
            gitlab: { url: https://gitlab.com, project: acme/pipelines }
            dataflow:
              region: europe-west1
              template: gs://dataflow-templates-europe-west1/latest/Word_Count
              parameters: { inputFile: gs://b/in.txt }
              tempLocation: gs://acme-tmp/tmp
            """;

    private final SetupValues values = new SetupValues(spec(SPEC), "123456789012");

    static FederationSpec spec(String yaml) {
        try {
            return new SpecParser(new SpecValidator(new dev.wifdesk.cel.CelEngine())).parse("spec.yaml", yaml);
        } catch (InvalidSpecException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void namesUseTheProjectNumber() {
        assertThat(values.providerAudience()).isEqualTo(
                "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-com");
        assertThat(values.idTokenAudience()).isEqualTo("https:" + values.providerAudience());
        assertThatThrownBy(() -> new SetupValues(spec(SPEC), "acme-data-prod"))
                .hasMessageContaining("project number");
    }

    @Test
    void eachEnvironmentAccountAdmitsOnlyItsProjectAndEnvironment() {
        List<SetupValues.Account> accounts = values.serviceAccounts();
        assertThat(accounts).extracting(SetupValues.Account::email).containsExactly(
                "gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com",
                "gitlab-dataflow-prod@acme-data-prod.iam.gserviceaccount.com",
                "gitlab-dataflow-stg@acme-data-prod.iam.gserviceaccount.com");
        String pool = "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/gitlab-ci/";
        assertThat(accounts.get(0).impersonators()).containsExactly(pool + "attribute.project_path/acme/pipelines");
        assertThat(accounts.get(1).impersonators())
                .containsExactly(pool + "attribute.protected_project_environment/acme/pipelines:production");
        assertThat(accounts.get(2).impersonators())
                .containsExactly(pool + "attribute.project_environment/acme/pipelines:staging");
    }

    @Test
    void eachAccountsPolicyHasItsImpersonatorsAndItselfAsActAs() {
        SetupValues.Account staging = values.serviceAccounts().get(2);
        assertThat(staging.policyMembers()).containsExactly(
                new SetupValues.PolicyMember(SetupValues.WORKLOAD_IDENTITY_USER, staging.impersonators().get(0)),
                new SetupValues.PolicyMember(SetupValues.SERVICE_ACCOUNT_USER,
                        "serviceAccount:gitlab-dataflow-stg@acme-data-prod.iam.gserviceaccount.com"));
        assertThat(staging.displayName()).isEqualTo("GitLab CI Dataflow (staging)");
        assertThat(values.serviceAccounts().get(0).displayName()).isEqualTo("GitLab CI Dataflow");
    }

    @Test
    void theMappedEnvironmentAttributesSeparateProtectedFromUnprotectedJobs() {
        Map<String, String> mapping = values.attributeMapping();
        FederationEvaluator cel = new FederationEvaluator(new dev.wifdesk.cel.CelEngine());
        Map<String, Object> prod = claims("production", "true");
        assertThat(cel.map(mapping, prod).attribute())
                .containsEntry("protected_project_environment", "acme/pipelines:production")
                .containsEntry("project_environment", "acme/pipelines:production");
        assertThat(cel.map(mapping, claims("production", "false")).attribute())
                .containsEntry("protected_project_environment", "");
        Map<String, Object> noEnvironment = claims(null, null);
        assertThat(cel.map(mapping, noEnvironment).attribute())
                .doesNotContainKeys("project_environment", "protected_project_environment");
    }

    @Test
    void variablesPerScopeWithTheirAccount() {
        List<SetupValues.Variable> vars = values.gitlabVariables();
        assertThat(vars).filteredOn(v -> v.key().equals(CiContract.SERVICE_ACCOUNT))
                .extracting(v -> v.environmentScope() + "=" + v.value())
                .containsExactly("*=gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com",
                        "production=gitlab-dataflow-prod@acme-data-prod.iam.gserviceaccount.com",
                        "staging=gitlab-dataflow-stg@acme-data-prod.iam.gserviceaccount.com");
        assertThat(vars).filteredOn(v -> v.key().equals(CiContract.DATAFLOW_PARAMETERS)).first()
                .satisfies(v -> {
                    assertThat(v.value()).isEqualTo("{\"inputFile\":\"gs://b/in.txt\"}");
                    assertThat(v.masked()).isFalse();
                });
        assertThat(vars).filteredOn(v -> v.key().equals(CiContract.PROVIDER)).allMatch(SetupValues.Variable::masked);
        assertThat(vars).allMatch(SetupValues.Variable::isProtected);
    }

    @Test
    void aPlaceholderNumberStandsExactlyWhereTheNumberGoes() {
        String marker = SetupValues.NUMBER_PLACEHOLDER;
        SetupValues later = SetupValues.withProjectNumberPlaceholder(spec(SPEC));
        assertThat(later.providerAudience().replace(marker, "123456789012")).isEqualTo(values.providerAudience());
        assertThat(later.serviceAccounts()).extracting(a -> a.impersonators().stream()
                        .map(m -> m.replace(marker, "123456789012")).toList())
                .isEqualTo(values.serviceAccounts().stream().map(SetupValues.Account::impersonators).toList());
        assertThat(later.gitlabVariables()).extracting(v -> v.value().replace(marker, "123456789012"))
                .isEqualTo(values.gitlabVariables().stream().map(SetupValues.Variable::value).toList());
        assertThat(later.providerAudience()).contains(marker);
        assertThat(later.attributeMapping()).isEqualTo(values.attributeMapping());
        assertThat(later.gitlabVariables()).extracting(SetupValues.Variable::masked)
                .isEqualTo(values.gitlabVariables().stream().map(SetupValues.Variable::masked).toList());
    }

    private static Map<String, Object> claims(String environment, String isProtected) {
        Map<String, Object> c = new HashMap<>();
        c.put("sub", "project_path:acme/pipelines:ref_type:branch:ref:main");
        c.put("project_path", "acme/pipelines");
        c.put("namespace_path", "acme");
        if (environment != null) {
            c.put("environment", environment);
            c.put("environment_protected", isProtected);
        }
        return c;
    }
}
