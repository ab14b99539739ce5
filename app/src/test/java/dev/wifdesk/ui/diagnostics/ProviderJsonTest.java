package dev.wifdesk.ui.diagnostics;

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
        assertThatThrownBy(() -> ProviderJson.parse("garbage")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ProviderJson.parse("{\"oidc\": ")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ProviderJson.parse("{\"name\": \"x\"}")).hasMessageContaining("\"oidc\"");
        assertThatThrownBy(() -> ProviderJson.parse("{\"oidc\": {}}")).hasMessageContaining("oidc.issuerUri");
    }
}
