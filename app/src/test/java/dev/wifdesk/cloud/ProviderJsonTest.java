package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderJsonTest {
    @Test
    void parsesTheIamApiShape() throws Exception {
        var p = ProviderJson.parse("""
                {"name": "projects/1/locations/global/workloadIdentityPools/p/providers/g",
                 "state": "ACTIVE",
                 "attributeMapping": {"google.subject": "assertion.sub"},
                 "attributeCondition": "assertion.namespace_path == 'acme'",
                 "oidc": {"issuerUri": "https://gitlab.com", "allowedAudiences": ["https://gitlab.com"]}}
                """);
        assertThat(p.getOidc().getAllowedAudiences()).containsExactly("https://gitlab.com");
        assertThat(p.getAttributeMapping()).containsEntry("google.subject", "assertion.sub");
        assertThat(ProviderJson.toJson(p)).contains("\"issuerUri\": \"https://gitlab.com\"");
    }

    @Test
    void rejectsWithAReasonThatNamesTheProblem() {
        assertThatThrownBy(() -> ProviderJson.parse("garbage")).hasMessage("diag.providerJson.notObject");
        assertThatThrownBy(() -> ProviderJson.parse("{\"oidc\": ")).hasMessage("diag.providerJson.syntaxAt");
        assertThatThrownBy(() -> ProviderJson.parse("{\"name\": \"x\"}")).hasMessage("diag.providerJson.noOidc");
        assertThatThrownBy(() -> ProviderJson.parse("{\"oidc\": {}}")).hasMessage("diag.providerJson.noIssuer");
    }
}
