package dev.wifdesk.diagnose.fix;

import dev.wifdesk.cloud.ServiceAccountNames;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingFixPlannerTest {
    private static final String PROVIDER = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab";
    private static final String SA = "projects/sandbox-project/serviceAccounts/deployer@sandbox-project.iam.gserviceaccount.com";
    private static final Map<String, Object> CLAIMS = Map.of("sub", "project_path:acme/pipelines:ref_type:branch:ref:main",
            "project_path", "acme/pipelines", "ref", "main", "namespace_path", "acme");
    private final BindingFixPlanner planner = TestServices.bindingPlanner();

    private static Finding finding(FindingCode code) {
        return new Finding(code, Severity.ERROR, "m", "f", Map.of());
    }

    @Test
    void addsTheTokensProjectPathPrincipalSetForEachBindingCode() {
        var provider = InMemoryProviders.gitlabProvider(PROVIDER, "https://gitlab.com", List.of());
        for (FindingCode code : List.of(FindingCode.BINDING_MISSING, FindingCode.BINDING_VALUE_MISMATCH,
                FindingCode.BINDING_USES_PROJECT_ID, FindingCode.BINDING_WRONG_POOL, FindingCode.BINDING_ATTRIBUTE_NOT_MAPPED)) {
            assertThat(planner.plan(finding(code), provider, CLAIMS, "", SA)).as(code.name()).contains(new PolicyChange(SA,
                    "roles/iam.workloadIdentityUser", "principalSet://iam.googleapis.com/projects/428617359021/locations/global/"
                    + "workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines", true));
        }
    }

    @Test
    void withoutAProjectPathMappingTheSubjectPrincipal() {
        var provider = InMemoryProviders.gitlabProvider(PROVIDER, "https://gitlab.com", List.of());
        provider.setAttributeMapping(new LinkedHashMap<>(Map.of("google.subject", "assertion.sub")));
        assertThat(planner.plan(finding(FindingCode.BINDING_MISSING), provider, CLAIMS, "", SA).orElseThrow().member())
                .isEqualTo("principal://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/"
                        + "gitlab-ci/subject/project_path:acme/pipelines:ref_type:branch:ref:main");
    }

    @Test
    void nothingWhenTheMemberIsNotKnown() {
        var provider = InMemoryProviders.gitlabProvider(PROVIDER, "https://gitlab.com", List.of());
        // not a binding code; no service account; no claims
        assertThat(planner.plan(finding(FindingCode.BINDING_TOO_BROAD), provider, CLAIMS, "", SA)).isEmpty();
        assertThat(planner.plan(finding(FindingCode.BINDING_MISSING), provider, CLAIMS, "", null)).isEmpty();
        assertThat(planner.plan(finding(FindingCode.BINDING_MISSING), provider, Map.of(), "", SA)).isEmpty();
        // provider named by project ID and no number known: a principal would never match
        var byId = InMemoryProviders.gitlabProvider(PROVIDER.replace("428617359021", "sandbox-project"), "https://gitlab.com", List.of());
        assertThat(planner.plan(finding(FindingCode.BINDING_MISSING), byId, CLAIMS, "", SA)).isEmpty();
        assertThat(planner.plan(finding(FindingCode.BINDING_MISSING), byId, CLAIMS, "428617359021", SA)).isPresent();
        // the mapping fails for this token (no google.subject)
        provider.setAttributeMapping(new LinkedHashMap<>(Map.of("attribute.ref", "assertion.ref")));
        assertThat(planner.plan(finding(FindingCode.BINDING_MISSING), provider, CLAIMS, "", SA)).isEmpty();
    }

    @Test
    void serviceAccountResourceTakesTheProjectFromAUserManagedEmail() {
        assertThat(ServiceAccountNames.resource("deployer@acme-data.iam.gserviceaccount.com", "other"))
                .isEqualTo("projects/acme-data/serviceAccounts/deployer@acme-data.iam.gserviceaccount.com");
        assertThat(ServiceAccountNames.resource(" 123-compute@developer.gserviceaccount.com ", "acme-data"))
                .isEqualTo("projects/acme-data/serviceAccounts/123-compute@developer.gserviceaccount.com");
        assertThat(ServiceAccountNames.resource("x@y.example", null)).isEqualTo("projects/-/serviceAccounts/x@y.example");
    }
}
