package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AudienceTest {
    private static final String POOL_NAME = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci";
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private Diagnosis withAud(ProviderInfo provider, Object aud) {
        return engine.diagnose(Fixtures.input(Fixtures.claims("main-protected", "aud", aud)).provider(provider)
                .projectId(Fixtures.PROJECT_ID).build());
    }

    /** Provider with allowedAudiences [https://gitlab.com]. */
    static Stream<Arguments> typosAgainstAllowedAudience() {
        return Stream.of(
                Arguments.of("https://gitlab.com/", "trailing slash"),
                Arguments.of("https://GitLab.com", "case at character 9: expected 'g', found 'G'"),
                Arguments.of("https://gitIab.com", "character 12: expected 'l', found 'I'"),
                Arguments.of("https://gitlab.com ", "trailing whitespace"),
                Arguments.of(" https://gitlab.com", "leading whitespace"),
                Arguments.of("https://gitlab.com\n", "found a line break"),
                Arguments.of("http://gitlab.com", "uses http where the accepted audience uses https"),
                Arguments.of("https://gitlab.co", "1 character edit away"),
                Arguments.of("https://gtilab.com", "2 character edits away"));
    }

    @ParameterizedTest(name = "aud ''{0}''")
    @MethodSource("typosAgainstAllowedAudience")
    void nearMissesAreTyposNamingWhatDiffers(String aud, String why) {
        Diagnosis d = withAud(Fixtures.provider(), aud);
        assertThat(d.has(FindingCode.AUDIENCE_MISMATCH)).isTrue();
        Finding typo = d.finding(FindingCode.AUDIENCE_TYPO).orElseThrow();
        assertThat(typo.message()).contains(why);
        assertThat(typo.fix()).contains("aud: https://gitlab.com");
        assertThat(typo.evidence()).containsEntry("expected", "https://gitlab.com").containsEntry("actual", aud);
    }

    @Test
    void unrelatedAudienceIsAMismatchWithoutTypoAndOffersBothFixes() {
        Diagnosis d = withAud(Fixtures.provider(), "sts.googleapis.com");
        Finding f = d.finding(FindingCode.AUDIENCE_MISMATCH).orElseThrow();
        assertThat(d.has(FindingCode.AUDIENCE_TYPO)).isFalse();
        assertThat(f.fix()).contains("aud: https://gitlab.com")
                .contains("gcloud iam workload-identity-pools providers update-oidc gitlab-com --location=global "
                        + "--workload-identity-pool=gitlab-ci --project=428617359021 "
                        + "--allowed-audiences=https://gitlab.com,sts.googleapis.com");
    }

    @Test
    void defaultAudienceStopsWorkingOnceAllowedAudiencesAreSet() {
        Diagnosis d = withAud(Fixtures.provider(), Fixtures.DEFAULT_AUDIENCE);
        Finding f = d.finding(FindingCode.AUDIENCE_DEFAULT_NOT_ALLOWED).orElseThrow();
        assertThat(f.evidence()).containsEntry("expected", "https://gitlab.com");
    }

    @Test
    void providerWithoutAllowedAudiencesAcceptsBothDefaultForms() {
        ProviderInfo defaults = ProviderInfo.fromJson(Fixtures.text("provider-default-audience.json"));
        assertThat(withAud(defaults, Fixtures.DEFAULT_AUDIENCE).has(FindingCode.AUDIENCE_MISMATCH)).isFalse();
        assertThat(withAud(defaults, "https:" + Fixtures.DEFAULT_AUDIENCE).has(FindingCode.AUDIENCE_MISMATCH)).isFalse();
        assertThat(withAud(defaults, List.of("https://gitlab.com", Fixtures.DEFAULT_AUDIENCE)).has(FindingCode.AUDIENCE_MISMATCH))
                .as("a list aud is accepted when one element is").isFalse();
        assertThat(withAud(defaults, "https://gitlab.com").has(FindingCode.AUDIENCE_MISMATCH)).isTrue();
    }

    static Stream<Arguments> structuralMistakes() {
        return Stream.of(
                Arguments.of("//iam.googleapis.com/projects/sandbox-project/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-com",
                        FindingCode.AUDIENCE_PROJECT_ID),
                Arguments.of(Fixtures.PROVIDER_NAME, FindingCode.AUDIENCE_MISSING_PREFIX),
                Arguments.of("iam.googleapis.com/" + Fixtures.PROVIDER_NAME, FindingCode.AUDIENCE_MISSING_PREFIX),
                Arguments.of("//iam.googleapis.com/" + POOL_NAME, FindingCode.AUDIENCE_POOL_NOT_PROVIDER),
                Arguments.of("//iam.googleapis.com/" + POOL_NAME + "/providers/gitlab-co", FindingCode.AUDIENCE_TYPO));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("structuralMistakes")
    void defaultAudienceMistakesAreNamedWithTheCorrectedAudience(String aud, FindingCode code) {
        ProviderInfo defaults = ProviderInfo.fromJson(Fixtures.text("provider-default-audience.json"));
        Diagnosis d = withAud(defaults, aud);
        assertThat(d.has(FindingCode.AUDIENCE_MISMATCH)).isTrue();
        Finding f = d.finding(code).orElseThrow();
        assertThat(f.evidence()).containsEntry("expected", Fixtures.DEFAULT_AUDIENCE);
        assertThat(f.fix()).contains(Fixtures.DEFAULT_AUDIENCE);
    }

    static Stream<Arguments> stsAudiences() {
        return Stream.of(
                Arguments.of("//iam.googleapis.com/projects/sandbox-project/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-com",
                        FindingCode.AUDIENCE_PROJECT_ID),
                Arguments.of("//iam.googleapis.com/" + POOL_NAME, FindingCode.AUDIENCE_POOL_NOT_PROVIDER),
                Arguments.of(Fixtures.PROVIDER_NAME, FindingCode.AUDIENCE_MISSING_PREFIX),
                // what create-cred-config writes when its AUDIENCE argument is the full name
                Arguments.of("//iam.googleapis.com/" + Fixtures.DEFAULT_AUDIENCE, FindingCode.AUDIENCE_DOUBLE_PREFIX),
                Arguments.of("//iam.googleapis.com/https:" + Fixtures.DEFAULT_AUDIENCE, FindingCode.AUDIENCE_DOUBLE_PREFIX),
                Arguments.of("//iam.googleapis.com/" + POOL_NAME + "/providers/other-provider-entirely", FindingCode.AUDIENCE_MISMATCH));
    }

    @ParameterizedTest(name = "STS audience: {1}")
    @MethodSource("stsAudiences")
    void stsAudienceMustBeTheProvidersFullName(String sts, FindingCode code) {
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected")).stsAudience(sts).build());
        Finding f = d.finding(code).orElseThrow();
        assertThat(f.evidence()).containsEntry("source", "sts-audience").containsEntry("actual", sts);
        assertThat(f.fix()).contains("\"audience\" to " + Fixtures.DEFAULT_AUDIENCE);
        assertThat(engine.diagnose(Fixtures.input(Fixtures.claims("main-protected")).stsAudience(Fixtures.DEFAULT_AUDIENCE)
                .build()).findings()).isEmpty();
    }
}
