package dev.wifdesk.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.JwksSource;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.List;
import java.util.Map;

/**
 * STS fetches the issuer's discovery document and JWKS from the public internet, unless the
 * provider carries its keys inline. A private GitLab instance whose keys STS cannot reach needs
 * {@code jwksJson} on the provider.
 */
final class IssuerCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IssuerCheck() {
    }

    static CheckResult run(PreflightState state, JwksSource jwks) {
        var provider = state.provider();
        if (provider.isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, CheckNames.ISSUER_KEYS, "no provider");
        }
        ProviderInfo p = provider.get();
        if (p.jwksJson() != null && !p.jwksJson().isBlank()) {
            return CheckResult.pass(Layer.PREFLIGHT, CheckNames.ISSUER_KEYS, "the provider carries the issuer's keys inline"
                    + " (jwksJson): STS does not fetch them from " + p.issuerUri());
        }
        String v = state.values().providerId();
        try {
            int keys = JSON.readTree(jwks.fetch(p.issuerUri())).path("keys").size();
            if (keys == 0) {
                throw new java.io.IOException("the JWKS has no keys");
            }
            return CheckResult.pass(Layer.PREFLIGHT, CheckNames.ISSUER_KEYS, p.issuerUri()
                    + "/.well-known/openid-configuration and its jwks_uri answer (" + keys + (keys == 1 ? " key)" : " keys)"));
        } catch (Exception e) {
            String why = ClientErrors.oneLine(e);
            String fix = "if " + p.issuerUri() + " is private (not reachable from the internet), give the provider the keys"
                    + " inline: curl -s " + p.issuerUri() + "/oauth/discovery/keys > jwks.json (from inside the network), then"
                    + " gcloud iam workload-identity-pools providers update-oidc " + v + " --workload-identity-pool="
                    + state.values().poolId() + " --location=global --project=" + state.values().projectId()
                    + " --jwk-json-path=jwks.json";
            Finding f = new Finding(FindingCode.TOKEN_KEY_NOT_FOUND, Severity.ERROR, "The issuer's keys cannot be fetched from "
                    + p.issuerUri() + " (" + why + "): STS could not verify any token of it.", fix,
                    Map.of("issuer", p.issuerUri()));
            return CheckResult.fail(Layer.PREFLIGHT, CheckNames.ISSUER_KEYS, "cannot fetch the keys of " + p.issuerUri() + ": "
                    + why, List.of(f), "", List.of());
        }
    }
}
