package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import org.junit.jupiter.api.Test;

class IssuerStageTest {
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private Diagnosis run(String tokenIssuer, String providerIssuer) {
        return engine.diagnose(Fixtures.input(Fixtures.claims("main-protected", "iss", tokenIssuer))
                .provider(Fixtures.provider("oidc.issuerUri", providerIssuer)).build());
    }

    @Test
    void sameIssuerPasses() {
        assertThat(run("https://gitlab.com", "https://gitlab.com").stage(Stage.ISSUER).orElseThrow().status())
                .isEqualTo(StageResult.Status.PASS);
    }

    @Test
    void trailingSlashIsItsOwnFindingWithTheExactIssuerToSet() {
        Diagnosis d = run("https://gitlab.com", "https://gitlab.com/");
        Finding f = d.finding(FindingCode.ISSUER_TRAILING_SLASH).orElseThrow();
        assertThat(f.fix()).contains("--issuer-uri=https://gitlab.com").doesNotContain("--issuer-uri=https://gitlab.com/");
        assertThat(d.has(FindingCode.ISSUER_MISMATCH)).isFalse();
    }

    @Test
    void selfManagedTokenAgainstAGitlabComProvider() {
        Finding f = run("https://gitlab.internal.example", "https://gitlab.com").finding(FindingCode.ISSUER_MISMATCH).orElseThrow();
        assertThat(f.message()).contains("self-managed GitLab");
        assertThat(f.evidence()).containsEntry("expected", "https://gitlab.com").containsEntry("actual", "https://gitlab.internal.example");
    }

    @Test
    void gitlabIntegrationIssuerIsNotGitlabCom() {
        Finding f = run("https://gitlab.com", "https://auth.gcp.gitlab.com/oidc/acme").finding(FindingCode.ISSUER_MISMATCH).orElseThrow();
        assertThat(f.message()).contains("integration issuer");
    }

    @Test
    void plainHttpProviderIssuer() {
        Diagnosis d = run("https://gitlab.internal.example", "http://gitlab.internal.example");
        assertThat(d.finding(FindingCode.ISSUER_NOT_HTTPS).orElseThrow().fix())
                .contains("--issuer-uri=https://gitlab.internal.example");
        assertThat(d.finding(FindingCode.ISSUER_MISMATCH).orElseThrow().message()).contains("scheme");
    }
}
