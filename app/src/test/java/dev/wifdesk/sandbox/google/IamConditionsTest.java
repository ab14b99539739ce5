package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.Expr;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenRequest;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.model.ErrorTexts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conditional role bindings through the real IAM and IAM Credentials clients: a binding grants only
 * while its condition is true, an unevaluable condition grants nothing, a condition that does not
 * compile is refused, and a version-1 read shows {@code ROLE_withcond_HASH} without the condition.
 */
class IamConditionsTest {
    private static final String TOKEN_CREATOR = "roles/iam.serviceAccountTokenCreator";
    private final SandboxFixture fx = new SandboxFixture();
    private String caller;
    private String target;
    private GoogleCredentials asCaller;

    @BeforeEach
    void accounts() throws Exception {
        caller = create("cond-caller");
        target = create("cond-target");
        // a 3600 s token of the caller, minted by the owner operator
        String token = fx.clients.iamCredentials(fx.clients.target().credentials()).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + caller,
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM)))
                .execute().getAccessToken();
        asCaller = GoogleCredentials.create(new AccessToken(token, null));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String create(String id) throws Exception {
        return fx.iam.projects().serviceAccounts().create("projects/sandbox-project",
                new CreateServiceAccountRequest().setAccountId(id).setServiceAccount(new ServiceAccount())).execute().getEmail();
    }

    private String resource(String email) {
        return "projects/sandbox-project/serviceAccounts/" + email;
    }

    private Policy grantWithCondition(String expression) throws Exception {
        var accounts = fx.iam.projects().serviceAccounts();
        Policy p = accounts.getIamPolicy(resource(target)).setOptionsRequestedPolicyVersion(3).execute();
        p.setVersion(3).setBindings(List.of(new Binding().setRole(TOKEN_CREATOR)
                .setMembers(List.of("serviceAccount:" + caller))
                .setCondition(new Expr().setTitle("test").setExpression(expression))));
        return accounts.setIamPolicy(resource(target), new SetIamPolicyRequest().setPolicy(p)).execute();
    }

    private String mintAsCaller() throws Exception {
        return fx.clients.iamCredentials(asCaller).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + target,
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM))
                                .setLifetime("600s")).execute().getAccessToken();
    }

    private static String timestamp(Instant t) {
        return "timestamp(\"" + t + "\")";
    }

    @Test
    void expiredTimeConditionGrantsNothing() throws Exception {
        grantWithCondition("request.time < " + timestamp(Instant.parse("2020-01-01T00:00:00Z")));
        var e = googleError(this::mintAsCaller);
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
    }

    @Test
    void timeConditionGrantsUntilItsEndThenStops() throws Exception {
        Instant end = fx.clock.instant().plus(Duration.ofMinutes(30));
        grantWithCondition("request.time < " + timestamp(end));
        assertThat(mintAsCaller()).startsWith("sandbox-sa-");

        fx.clock.advance(Duration.ofMinutes(31)); // the caller's own token is still valid (3600 s)
        var e = googleError(this::mintAsCaller);
        assertThat(e.getStatusCode()).isEqualTo(403);
    }

    @Test
    void resourceAttributesThatTheseServicesDoNotProvideGrantNothing() throws Exception {
        grantWithCondition("resource.name.startsWith(\"projects/\")");
        assertThat(googleError(this::mintAsCaller).getStatusCode()).isEqualTo(403);
    }

    @Test
    void conditionThatDoesNotCompileIsRefusedAtSetIamPolicy() {
        var e = googleError(() -> grantWithCondition("request.time <"));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");
        assertThat(e.getDetails().getMessage()).contains(TOKEN_CREATOR).contains("condition");
    }

    @Test
    void versionOneReadHidesConditionsBehindWithcondRoles() throws Exception {
        grantWithCondition("request.time < " + timestamp(Instant.parse("2999-01-01T00:00:00Z")));
        var accounts = fx.iam.projects().serviceAccounts();

        Policy v1 = accounts.getIamPolicy(resource(target)).execute();
        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(v1.getBindings()).hasSize(1);
        assertThat(v1.getBindings().get(0).getRole()).matches(java.util.regex.Pattern.quote(TOKEN_CREATOR) + "_withcond_[0-9a-f]{20}");
        assertThat(v1.getBindings().get(0).getCondition()).isNull();

        Policy v3 = accounts.getIamPolicy(resource(target)).setOptionsRequestedPolicyVersion(3).execute();
        assertThat(v3.getVersion()).isEqualTo(3);
        assertThat(v3.getBindings().get(0).getRole()).isEqualTo(TOKEN_CREATOR);
        assertThat(v3.getBindings().get(0).getCondition().getExpression()).startsWith("request.time <");
        assertThat(v3.getEtag()).isEqualTo(v1.getEtag());
    }

    @Test
    void unsupportedPolicyVersionIsInvalidArgument() {
        var e = googleError(() -> fx.iam.projects().serviceAccounts().getIamPolicy(resource(target))
                .setOptionsRequestedPolicyVersion(2).execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void projectPolicyReadThroughResourceManagerAlsoUsesTheVersionOneView() throws Exception {
        var crm = fx.clients.resourceManager();
        var p = crm.projects().getIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest()).execute();
        var bindings = new java.util.ArrayList<>(p.getBindings());
        bindings.add(new com.google.api.services.cloudresourcemanager.v3.model.Binding().setRole("roles/viewer")
                .setMembers(List.of("serviceAccount:" + caller))
                .setCondition(new com.google.api.services.cloudresourcemanager.v3.model.Expr()
                        .setTitle("until 2999").setExpression("request.time < " + timestamp(Instant.parse("2999-01-01T00:00:00Z")))));
        crm.projects().setIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest()
                        .setPolicy(p.setVersion(3).setBindings(bindings))).execute();

        var v1 = crm.projects().getIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest()).execute();
        assertThat(v1.getBindings()).anySatisfy(b -> assertThat(b.getRole()).startsWith("roles/viewer_withcond_"));
        var v3 = crm.projects().getIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest().setOptions(
                        new com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions()
                                .setRequestedPolicyVersion(3))).execute();
        assertThat(v3.getBindings()).anySatisfy(b -> {
            assertThat(b.getRole()).isEqualTo("roles/viewer");
            assertThat(b.getCondition().getTitle()).isEqualTo("until 2999");
        });
    }

    @Test
    void conditionalBindingsNeedPolicyVersionThree() throws Exception {
        var accounts = fx.iam.projects().serviceAccounts();
        Policy p = accounts.getIamPolicy(resource(target)).setOptionsRequestedPolicyVersion(3).execute();
        p.setVersion(1).setBindings(List.of(new Binding().setRole(TOKEN_CREATOR).setMembers(List.of("serviceAccount:" + caller))
                .setCondition(new Expr().setTitle("t").setExpression("request.time < " + timestamp(Instant.parse("2999-01-01T00:00:00Z"))))));
        var e = googleError(() -> accounts.setIamPolicy(resource(target), new SetIamPolicyRequest().setPolicy(p)).execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).contains("version 3");

        // a version-1 read of a conditional policy written back with its etag is refused too
        grantWithCondition("request.time < " + timestamp(Instant.parse("2999-01-01T00:00:00Z")));
        Policy v1 = accounts.getIamPolicy(resource(target)).execute();
        var back = googleError(() -> accounts.setIamPolicy(resource(target), new SetIamPolicyRequest().setPolicy(v1)).execute());
        assertThat(back.getStatusCode()).isEqualTo(400);
        // without an etag IAM lets version 1 overwrite the conditions (documented)
        Policy overwritten = accounts.setIamPolicy(resource(target), new SetIamPolicyRequest()
                .setPolicy(new Policy().setBindings(List.of(new Binding().setRole("roles/iam.serviceAccountUser")
                        .setMembers(List.of("serviceAccount:" + caller)))))).execute();
        assertThat(overwritten.getBindings()).singleElement().satisfies(b -> assertThat(b.getCondition()).isNull());
    }
}
