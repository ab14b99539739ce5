package dev.wifdesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.FindingCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private GitLab whose keys STS cannot fetch is named, with the inline jwksJson as the fix; inline keys pass. */
class IssuerKeysTest {
    @TempDir
    Path dir;

    @Test
    void aPrivateIssuerWithoutPublicKeysIsToldToGiveTheKeysInline() throws Exception {
        try (VerifySandbox sb = new VerifySandbox(dir)) {
            // a self-managed instance STS cannot reach (the sandbox's issuer source serves only its own issuer)
            FederationSpec spec = VerifySandbox.spec(VerifySandbox.SPEC.replace("https://gitlab.sandbox.wifdesk.test",
                    "https://gitlab.internal.acme.example"));
            sb.apply(spec);
            VerifyReport report = sb.verify(spec, LaunchMode.NONE);
            CheckResult keys = report.check(Layer.PREFLIGHT, CheckNames.ISSUER_KEYS).orElseThrow();
            assertThat(keys.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(keys.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(FindingCode.TOKEN_KEY_NOT_FOUND);
                assertThat(f.fix()).contains("--jwk-json-path=jwks.json")
                        .contains("curl -s https://gitlab.internal.acme.example/oauth/discovery/keys");
            });

            String jwks = new String(new java.net.URL(sb.sandbox.gitlab().baseUrl() + "/oauth/discovery/keys").openStream()
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            sb.operator.iam().projects().locations().workloadIdentityPools().providers().patch(Misconfigure.PROVIDER,
                    new WorkloadIdentityPoolProvider().setOidc(new Oidc().setIssuerUri("https://gitlab.internal.acme.example")
                            .setJwksJson(jwks))).setUpdateMask("oidc.jwksJson").execute();
            CheckResult inline = sb.verify(spec, LaunchMode.NONE).check(Layer.PREFLIGHT, CheckNames.ISSUER_KEYS).orElseThrow();
            assertThat(inline.status()).isEqualTo(CheckStatus.PASS);
            assertThat(inline.detail()).contains("inline (jwksJson)");
        }
    }
}
