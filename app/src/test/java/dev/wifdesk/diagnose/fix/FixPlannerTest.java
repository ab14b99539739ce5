package dev.wifdesk.diagnose.fix;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import dev.wifdesk.ui.support.InMemoryProviders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixPlannerTest {
    private static final String NAME = "projects/428617359021/locations/global/workloadIdentityPools/gitlab/providers/gitlab-com";

    private static Finding finding(FindingCode code) {
        return new Finding(code, Severity.ERROR, "m", "f", Map.of());
    }

    @Test
    void audienceFixAddsTheTokensAudienceAndKeepsTheExistingOnes() {
        WorkloadIdentityPoolProvider p = InMemoryProviders.gitlabProvider(NAME, "https://gitlab.com", List.of("https://gitlab.com"));
        ProviderChange c = FixPlanner.plan(finding(FindingCode.AUDIENCE_TYPO), p, Map.of("aud", "https://gitlab.con")).orElseThrow();
        assertThat(c.updateMask()).isEqualTo("oidc.allowedAudiences");
        assertThat(c.before()).isEqualTo("https://gitlab.com");
        assertThat(c.after()).isEqualTo("https://gitlab.com\nhttps://gitlab.con");
        assertThat(c.patchBody().getOidc().getAllowedAudiences()).containsExactly("https://gitlab.com", "https://gitlab.con");
        assertThat(c.patchBody().getOidc().getIssuerUri()).isEqualTo("https://gitlab.com");
        // the provider passed in is not modified
        assertThat(p.getOidc().getAllowedAudiences()).containsExactly("https://gitlab.com");
    }

    @Test
    void audienceFixOnADefaultAudienceProviderKeepsTheDefaultAccepted() {
        WorkloadIdentityPoolProvider p = InMemoryProviders.gitlabProvider(NAME, "https://gitlab.com", null);
        ProviderChange c = FixPlanner.plan(finding(FindingCode.AUDIENCE_MISMATCH), p, Map.of("aud", "https://gitlab.com")).orElseThrow();
        assertThat(c.patchBody().getOidc().getAllowedAudiences())
                .containsExactly("https://iam.googleapis.com/" + NAME, "https://gitlab.com");
        assertThat(c.before()).isEmpty();
    }

    @Test
    void noAudienceFixWhenItWouldExceedTenOrChangeNothing() {
        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add("https://a" + i);
        }
        WorkloadIdentityPoolProvider full = InMemoryProviders.gitlabProvider(NAME, "https://gitlab.com", ten);
        assertThat(FixPlanner.plan(finding(FindingCode.AUDIENCE_TYPO), full, Map.of("aud", "https://b"))).isEmpty();
        assertThat(FixPlanner.plan(finding(FindingCode.AUDIENCE_TYPO), full, Map.of("aud", "https://a1"))).isEmpty();
        assertThat(FixPlanner.plan(finding(FindingCode.AUDIENCE_TYPO), full, Map.of())).isEmpty();
    }

    @Test
    void conditionFixQuotesGitlabStringBooleansOnEitherSide() {
        WorkloadIdentityPoolProvider p = InMemoryProviders.gitlabProvider(NAME, "https://gitlab.com", List.of())
                .setAttributeCondition("assertion.namespace_path == \"acme\" && assertion.ref_protected == true"
                        + " && false != assertion.environment_protected");
        ProviderChange c = FixPlanner.plan(finding(FindingCode.CONDITION_BOOL_AS_STRING), p, Map.of()).orElseThrow();
        assertThat(c.updateMask()).isEqualTo("attributeCondition");
        assertThat(c.after()).isEqualTo("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\""
                + " && \"false\" != assertion.environment_protected");
        assertThat(c.patchBody().getAttributeCondition()).isEqualTo(c.after());
    }

    @Test
    void onlyAudienceAndConditionFindingsAreFixable() {
        WorkloadIdentityPoolProvider p = InMemoryProviders.gitlabProvider(NAME, "https://gitlab.com", List.of("x"));
        assertThat(FixPlanner.canFix(FindingCode.BINDING_MISSING)).isFalse();
        assertThat(FixPlanner.plan(finding(FindingCode.BINDING_MISSING), p, Map.of("aud", "y"))).isEmpty();
        assertThat(FixPlanner.plan(finding(FindingCode.CONDITION_BOOL_AS_STRING), p, Map.of())).isEmpty();
    }
}
