package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static dev.wifdesk.sandbox.google.SandboxFixture.provider;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolProviderRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.ErrorTexts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IAM v1 workload identity pool providers through the real {@code Iam} client. */
class WorkloadIdentityProvidersTest {
    private static final String ISSUER = "https://gitlab.sandbox.wifdesk.test";
    private final SandboxFixture fx = new SandboxFixture();

    @BeforeEach
    void pool() throws Exception {
        fx.createPool("gitlab-ci");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void createStoresTheOidcProviderUnderTheNumberName() throws Exception {
        WorkloadIdentityPoolProvider p = provider(ISSUER, null, "assertion.namespace_path == \"acme\"");
        p.getOidc().setAllowedAudiences(List.of("https://gitlab.sandbox.wifdesk.test"));
        Operation op = fx.providers().create("projects/sandbox-project/locations/global/workloadIdentityPools/gitlab-ci", p)
                .setWorkloadIdentityPoolProviderId("gitlab").execute();

        assertThat(op.getDone()).isTrue();
        WorkloadIdentityPoolProvider got = fx.providers().get(fx.providerName("gitlab-ci", "gitlab")).execute();
        assertThat(got.getName()).isEqualTo("projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab");
        assertThat(got.getState()).isEqualTo("ACTIVE");
        assertThat(got.getAttributeMapping()).containsEntry("google.subject", "assertion.sub");
        assertThat(got.getAttributeCondition()).isEqualTo("assertion.namespace_path == \"acme\"");
        assertThat(got.getOidc().getIssuerUri()).isEqualTo(ISSUER);
        assertThat(got.getOidc().getAllowedAudiences()).containsExactly("https://gitlab.sandbox.wifdesk.test");
    }

    @Test
    void httpIssuerIsRejected() {
        var e = googleError(() -> fx.createProvider("gitlab-ci", "gitlab",
                provider("http://gitlab.example.com", null, "assertion.namespace_path == \"acme\"")));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.ISSUER_NOT_HTTPS);
    }

    @Test
    void conditionThatReadsNoClaimIsRejected() {
        var e = googleError(() -> fx.createProvider("gitlab-ci", "gitlab", provider(ISSUER, null, "true")));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS);
    }

    @Test
    void gitlabComWithoutConditionIsRejected() {
        var e = googleError(() -> fx.createProvider("gitlab-ci", "gitlab", provider("https://gitlab.com", null, null)));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS);
    }

    @Test
    void mappingWithoutSubjectAndBadCelAreRejected() {
        WorkloadIdentityPoolProvider noSubject = provider(ISSUER, null, "assertion.ref == \"main\"")
                .setAttributeMapping(Map.of("attribute.ref", "assertion.ref"));
        var e = googleError(() -> fx.createProvider("gitlab-ci", "gitlab", noSubject));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).contains("google.subject");

        WorkloadIdentityPoolProvider badCel = provider(ISSUER, null, "assertion.ref == ");
        var c = googleError(() -> fx.createProvider("gitlab-ci", "gitlab", badCel));
        assertThat(c.getStatusCode()).isEqualTo(400);
        assertThat(c.getDetails().getMessage()).contains("attributeCondition").contains("does not compile");
    }

    @Test
    void tooManyAudiencesAndBadJwksAreRejected() {
        WorkloadIdentityPoolProvider many = provider(ISSUER, null, "assertion.ref == \"main\"");
        many.getOidc().setAllowedAudiences(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"));
        var e = googleError(() -> fx.createProvider("gitlab-ci", "gitlab", many));
        assertThat(e.getDetails().getMessage()).contains("allowedAudiences").contains("10");

        var j = googleError(() -> fx.createProvider("gitlab-ci", "gitlab",
                provider(ISSUER, "{\"not\":\"jwks\"}", "assertion.ref == \"main\"")));
        assertThat(j.getStatusCode()).isEqualTo(400);
        assertThat(j.getDetails().getMessage()).contains("jwksJson");
    }

    @Test
    void softDeletedProviderIdCannotBeReusedButCanBeUndeleted() throws Exception {
        WorkloadIdentityPoolProvider p = provider(ISSUER, null, "assertion.namespace_path == \"acme\"");
        fx.createProvider("gitlab-ci", "gitlab", p);
        Operation del = fx.providers().delete(fx.providerName("gitlab-ci", "gitlab")).execute();
        assertThat(del.getResponse()).containsEntry("state", "DELETED").containsKey("expireTime");

        var e = googleError(() -> fx.createProvider("gitlab-ci", "gitlab", p));
        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(e.getDetails().get("status")).isEqualTo("ALREADY_EXISTS");
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.ALREADY_EXISTS);

        assertThat(fx.providers().list(fx.poolName("gitlab-ci")).execute().getWorkloadIdentityPoolProviders()).isNull();
        assertThat(fx.providers().list(fx.poolName("gitlab-ci")).setShowDeleted(true).execute()
                .getWorkloadIdentityPoolProviders()).hasSize(1);

        fx.providers().undelete(fx.providerName("gitlab-ci", "gitlab"), new UndeleteWorkloadIdentityPoolProviderRequest())
                .execute();
        assertThat(fx.providers().get(fx.providerName("gitlab-ci", "gitlab")).execute().getState()).isEqualTo("ACTIVE");
    }

    @Test
    void patchChangesOnlyMaskedFieldsAndRevalidates() throws Exception {
        fx.createProvider("gitlab-ci", "gitlab", provider(ISSUER, null, "assertion.namespace_path == \"acme\""));
        WorkloadIdentityPoolProvider change = new WorkloadIdentityPoolProvider()
                .setAttributeCondition("assertion.ref_protected == \"true\"")
                .setDisplayName("ignored because not in mask")
                .setOidc(new Oidc().setAllowedAudiences(List.of("wifdesk")));
        fx.providers().patch(fx.providerName("gitlab-ci", "gitlab"), change)
                .setUpdateMask("attribute_condition,oidc.allowed_audiences").execute();

        WorkloadIdentityPoolProvider got = fx.providers().get(fx.providerName("gitlab-ci", "gitlab")).execute();
        assertThat(got.getAttributeCondition()).isEqualTo("assertion.ref_protected == \"true\"");
        assertThat(got.getDisplayName()).isEqualTo("GitLab");
        assertThat(got.getOidc().getAllowedAudiences()).containsExactly("wifdesk");
        assertThat(got.getOidc().getIssuerUri()).isEqualTo(ISSUER);

        var e = googleError(() -> fx.providers().patch(fx.providerName("gitlab-ci", "gitlab"),
                new WorkloadIdentityPoolProvider().setOidc(new Oidc().setIssuerUri("http://insecure.example")))
                .setUpdateMask("oidc.issuer_uri").execute());
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.ISSUER_NOT_HTTPS);
    }

    @Test
    void providerOperationsAreServedUnderTheProvider() throws Exception {
        try (SandboxFixture slow = new SandboxFixture(dev.wifdesk.sandbox.SandboxOptions.defaults().withLroDelayMs(5_000))) {
            slow.createPool("gitlab-ci");
            Operation op = slow.createProvider("gitlab-ci", "gitlab", provider(ISSUER, null, "assertion.ref == \"main\""));
            assertThat(op.getName()).startsWith(slow.providerName("gitlab-ci", "gitlab") + "/operations/");
            assertThat(op.getDone()).isFalse();
            slow.clock.advance(java.time.Duration.ofSeconds(5));
            Operation done = slow.providers().operations().get(op.getName()).execute();
            assertThat(done.getDone()).isTrue();
            assertThat(done.getResponse()).containsEntry("name", slow.providerName("gitlab-ci", "gitlab"))
                    .containsEntry("@type", "type.googleapis.com/google.iam.v1.WorkloadIdentityPoolProvider");
        }
    }

    @Test
    void providerInMissingPoolIsNotFound() {
        var e = googleError(() -> fx.createProvider("no-such-pool", "gitlab",
                provider(ISSUER, null, "assertion.ref == \"main\"")));
        assertThat(e.getStatusCode()).isEqualTo(404);
    }
}
