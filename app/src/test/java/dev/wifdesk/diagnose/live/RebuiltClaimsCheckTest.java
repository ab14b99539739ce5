package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.ErrorMatch;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.model.ErrorTexts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rebuilt claims must agree with Google's verdict before the diagnosis relies on them. */
class RebuiltClaimsCheckTest {
    private static final String PROVIDER = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab";
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private static final Map<String, Object> CLAIMS = Map.of("sub", "project_path:acme/pipelines:ref_type:branch:ref:main",
            "project_path", "acme/pipelines", "namespace_path", "acme", "ref", "main", "ref_type", "branch",
            "ref_protected", "true");

    private Optional<String> check(String condition, String errorText) {
        ProviderInfo provider = new ProviderInfo(PROVIDER, false, "ACTIVE", Map.of("google.subject", "assertion.sub",
                "attribute.project_path", "assertion.project_path"), condition, "https://gitlab.com", List.of(), null);
        List<ErrorMatch> matches = engine.findErrorTexts(errorText);
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(errorText).provider(provider).projectNumber("428617359021")
                .claims(CLAIMS).build());
        return RebuiltClaimsCheck.disagreement(matches, d);
    }

    @Test
    void agreesWhenTheConditionIsFalseForARejectedToken() {
        assertThat(check("assertion.namespace_path == \"other\"", ErrorTexts.CONDITION_REJECTED)).isEmpty();
    }

    @Test
    void refusesClaimsThatPassAConditionStsRejected() {
        assertThat(check("assertion.ref_protected == \"true\"", ErrorTexts.CONDITION_REJECTED))
                .hasValueSatisfying(why -> assertThat(why).contains("pass the attribute condition"));
    }

    @Test
    void refusesClaimsThatFailAConditionStsAccepted() {
        assertThat(check("assertion.namespace_path == \"other\"", ErrorTexts.GET_ACCESS_TOKEN_DENIED))
                .hasValueSatisfying(why -> assertThat(why).contains("STS accepted"));
    }

    @Test
    void refusesWhenTheConditionNeedsAClaimMetadataCannotTell() {
        assertThat(check("assertion.environment == \"production\"", ErrorTexts.CONDITION_REJECTED))
                .hasValueSatisfying(why -> assertThat(why).contains("environment"));
    }

    @Test
    void onlyConditionAndImpersonationErrorsUseClaims() {
        assertThat(RebuiltClaimsCheck.helps(engine.findErrorTexts(ErrorTexts.CONDITION_REJECTED))).isTrue();
        assertThat(RebuiltClaimsCheck.helps(engine.findErrorTexts(ErrorTexts.GET_ACCESS_TOKEN_DENIED))).isTrue();
        assertThat(RebuiltClaimsCheck.helps(engine.findErrorTexts(ErrorTexts.audienceMismatch("x")))).isFalse();
    }
}
