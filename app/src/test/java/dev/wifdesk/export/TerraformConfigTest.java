package dev.wifdesk.export;

import static dev.wifdesk.export.ExampleSpecs.PROJECT_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parses the terraform export with a real HCL parser (hcl4j) and compares what it reads with SetupValues. */
class TerraformConfigTest {
    private static final String CONDITION = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\""
            + " && assertion.ref != \"${x}\" && assertion.ref != \"%{y}\" && assertion.ref != \"back\\\\slash\"";
    private final FederationSpec spec = ExampleSpecs.parse(ExampleSpecs.exampleWith(
            "attributeCondition: assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"",
            "attributeCondition: '" + CONDITION + "'"));
    /** The number Terraform will read from data.google_project, given to the parser as that expression's text. */
    private final SetupValues values = new SetupValues(spec, PROJECT_NUMBER);

    @SuppressWarnings("unchecked")
    private Map<String, Object> parsed() throws Exception {
        String hcl = new TerraformConfig().export(ExportRequest.of(spec));
        return new HCLParser().parse(hcl);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Map<String, Object> root, String type) {
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) root.get("resource")).get(type);
    }

    /**
     * What Terraform makes of a string hcl4j read: hcl4j gives an interpolation as its bare
     * expression, and leaves HCL's template escapes ({@code $${}, {@code %%{}) as written, so apply
     * both here as Terraform does.
     */
    private static String terraformValue(Object value) {
        return String.valueOf(value).replace("data.google_project.this.number", PROJECT_NUMBER)
                .replace("$${", "${").replace("%%{", "%{");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePoolProviderAndServicesCarryTheSetupValues() throws Exception {
        Map<String, Object> root = parsed();
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) root.get("data"))
                .get("google_project")).get("this");
        assertThat(data.get("project_id")).isEqualTo("acme-data-prod");

        assertThat(resources(root, "google_project_service").values()).extracting(r -> r.get("service"))
                .containsExactlyElementsOf(SetupValues.REQUIRED_SERVICES);
        Map<String, Object> pool = resources(root, "google_iam_workload_identity_pool").values().iterator().next();
        assertThat(pool).containsEntry("workload_identity_pool_id", "gitlab-ci").containsEntry("display_name", "GitLab CI")
                .containsEntry("description", "Keyless GitLab CI");

        Map<String, Object> provider = resources(root, "google_iam_workload_identity_pool_provider").values().iterator().next();
        assertThat(provider.get("workload_identity_pool_provider_id")).isEqualTo("gitlab-com");
        assertThat(terraformValue(provider.get("attribute_condition"))).isEqualTo(values.attributeCondition());
        assertThat((Map<String, Object>) provider.get("attribute_mapping")).containsExactlyEntriesOf(
                (Map<String, Object>) (Map<?, ?>) values.attributeMapping());
        Object oidc = provider.get("oidc");
        Map<String, Object> oidcBlock = (Map<String, Object>) (oidc instanceof List<?> l ? l.get(0) : oidc);
        assertThat(oidcBlock.get("issuer_uri")).isEqualTo("https://gitlab.com");
        assertThat((List<Object>) oidcBlock.get("allowed_audiences")).containsExactlyElementsOf(values.allowedAudiences());
    }

    @Test
    void accountsAndTheirMembersAndRolesAreThoseApplyBinds() throws Exception {
        Map<String, Object> root = parsed();
        assertThat(resources(root, "google_service_account").values()).extracting(r -> r.get("account_id") + " " + r.get("display_name"))
                .containsExactly("gitlab-dataflow GitLab CI Dataflow", "gitlab-dataflow-prod GitLab CI Dataflow (production)",
                        "gitlab-dataflow-stg GitLab CI Dataflow (staging)");

        List<String> members = resources(root, "google_service_account_iam_member").values().stream()
                .map(r -> r.get("service_account_id") + " " + r.get("role") + " " + terraformValue(r.get("member"))).toList();
        List<String> expected = new ArrayList<>();
        List<String> expectedRoles = new ArrayList<>();
        for (SetupValues.Account a : values.serviceAccounts()) {
            a.policyMembers().forEach(b -> expected.add(a.resource("acme-data-prod") + " " + b.role() + " " + b.member()));
            values.projectRoles().forEach(r -> expectedRoles.add("acme-data-prod " + r + " " + a.member()));
        }
        assertThat(members).containsExactlyElementsOf(expected);
        assertThat(new TerraformConfig().export(ExportRequest.of(spec)))
                .contains("\"principalSet://iam.googleapis.com/projects/${data.google_project.this.number}/locations/global/");
        assertThat(resources(root, "google_project_iam_member").values()).extracting(r -> r.get("project") + " "
                + r.get("role") + " " + r.get("member")).containsExactlyElementsOf(expectedRoles);
    }

    @Test
    void gitlabVariablesAreWrittenWithTheirScopeProtectionAndMasking() throws Exception {
        Map<String, Object> root = parsed();
        List<String> written = resources(root, "gitlab_project_variable").values().stream()
                .map(r -> r.get("project") + "|" + r.get("key") + "|" + terraformValue(r.get("value")) + "|" + r.get("protected")
                        + "|" + r.get("masked") + "|" + r.get("environment_scope")).toList();
        assertThat(written).containsExactlyElementsOf(values.gitlabVariables().stream()
                .map(v -> "acme/pipelines|" + v.key() + "|" + v.value() + "|" + v.isProtected() + "|" + v.masked() + "|"
                        + v.environmentScope()).toList());
        assertThat(written).anyMatch(w -> w.contains("|DATAFLOW_PARAMETERS|{\"inputFile\""));
    }

    @Test
    void labelsAreValidAndUnique() {
        HclWriter h = new HclWriter("\u0000", "x");
        assertThat(h.label("sa", "gitlab-dataflow")).isEqualTo("sa_gitlab_dataflow");
        assertThat(h.label("sa", "gitlab_dataflow")).isEqualTo("sa_gitlab_dataflow_2");
        assertThat(h.label("9", "*")).isEqualTo("r_9");
    }
}
