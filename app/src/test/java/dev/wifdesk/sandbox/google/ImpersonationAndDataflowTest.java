package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.dataflow.model.FlexTemplateRuntimeEnvironment;
import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.LaunchFlexTemplateParameter;
import com.google.api.services.dataflow.model.LaunchFlexTemplateRequest;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.dataflow.model.LaunchTemplateResponse;
import com.google.api.services.dataflow.model.RuntimeEnvironment;
import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenRequest;
import com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenResponse;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.model.ErrorTexts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole keyless path: GitLab-like ID token -> STS -> generateAccessToken (google-auth-library
 * impersonation) -> Dataflow launch as the service account, and each refusal on the way.
 */
class ImpersonationAndDataflowTest {
    private static final String ISSUER = "https://gitlab.sandbox.wifdesk.test";
    private static final String WORD_COUNT = "gs://dataflow-templates-us-central1/latest/Word_Count";
    private static final String POOL_MEMBERS = "iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/";
    private final SandboxFixture fx = new SandboxFixture();
    private TestIssuer issuer;
    private String audience;
    private String runner;

    @BeforeEach
    void federation() throws Exception {
        issuer = new TestIssuer(ISSUER, "key-1");
        fx.federation("gitlab-ci", "gitlab", issuer, true);
        audience = fx.defaultAudience("gitlab-ci", "gitlab");
        runner = fx.iam.projects().serviceAccounts().create("projects/sandbox-project",
                new CreateServiceAccountRequest().setAccountId("wifdesk-runner").setServiceAccount(new ServiceAccount()))
                .execute().getEmail();
    }

    @AfterEach
    void stop() {
        issuer.close();
        fx.close();
    }

    private String saResource(String email) {
        return "projects/sandbox-project/serviceAccounts/" + email;
    }

    private void grantOnServiceAccount(String email, String role, String member) throws Exception {
        var accounts = fx.iam.projects().serviceAccounts();
        Policy p = accounts.getIamPolicy(saResource(email)).execute();
        List<Binding> bindings = p.getBindings() == null ? new ArrayList<>() : new ArrayList<>(p.getBindings());
        bindings.add(new Binding().setRole(role).setMembers(List.of(member)));
        accounts.setIamPolicy(saResource(email), new SetIamPolicyRequest().setPolicy(p.setBindings(bindings))).execute();
    }

    private void grantOnProject(String role, String member) throws Exception {
        var crm = fx.clients.resourceManager();
        var p = crm.projects().getIamPolicy("projects/sandbox-project", new GetIamPolicyRequest()).execute();
        var bindings = new ArrayList<>(p.getBindings());
        bindings.add(new com.google.api.services.cloudresourcemanager.v3.model.Binding().setRole(role)
                .setMembers(List.of(member)));
        crm.projects().setIamPolicy("projects/sandbox-project",
                new com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest()
                        .setPolicy(p.setBindings(bindings))).execute();
    }

    /** Runner may be impersonated by the pipeline's project and may launch Dataflow as the default worker. */
    private void fullGrants() throws Exception {
        grantOnServiceAccount(runner, "roles/iam.workloadIdentityUser",
                "principalSet://" + POOL_MEMBERS + "attribute.project_path/acme/pipelines");
        grantOnProject("roles/dataflow.developer", "serviceAccount:" + runner);
        grantOnServiceAccount(fx.sandbox.computeServiceAccount(), "roles/iam.serviceAccountUser", "serviceAccount:" + runner);
    }

    private GoogleCredentials impersonating() throws Exception {
        return fx.externalAccount(audience, issuer.token(audience, fx.clock.instant(), Map.of()), runner);
    }

    private String stsToken() throws Exception {
        return fx.sts(audience, issuer.token(audience, fx.clock.instant(), Map.of())).json().get("access_token").asText();
    }

    private static GoogleCredentials bearer(String token) {
        return GoogleCredentials.create(new AccessToken(token, null));
    }

    private static LaunchTemplateParameters wordCount(String jobName) {
        return new LaunchTemplateParameters().setJobName(jobName)
                .setParameters(Map.of("inputFile", "gs://dataflow-samples/shakespeare/kinglear.txt",
                        "output", "gs://wifdesk-sandbox/out/wc"))
                .setEnvironment(new RuntimeEnvironment().setTempLocation("gs://wifdesk-sandbox/tmp"));
    }

    @Test
    void authLibraryImpersonatesThroughAnAttributePrincipalSet() throws Exception {
        fullGrants();
        AccessToken token = impersonating().refreshAccessToken();
        assertThat(token.getTokenValue()).startsWith("sandbox-sa-");
        assertThat(token.getExpirationTime()).isNotNull();
    }

    @Test
    void generateAccessTokenAnswersExpireTimeWithoutFractions() throws Exception {
        fullGrants();
        GenerateAccessTokenResponse r = fx.clients.iamCredentials(bearer(stsToken())).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + runner, new GenerateAccessTokenRequest()
                        .setScope(List.of(SandboxFixture.CLOUD_PLATFORM)).setLifetime("1800s")).execute();
        assertThat(r.getAccessToken()).startsWith("sandbox-sa-");
        assertThat(r.getExpireTime()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")
                .isEqualTo(fx.clock.instant().plusSeconds(1800).toString());
    }

    @Test
    void withoutBindingImpersonationIsDenied() throws Exception {
        Throwable viaLibrary = catchThrowable(() -> impersonating().refreshAccessToken());
        assertThat(SandboxFixture.messages(viaLibrary)).contains(ErrorTexts.GET_ACCESS_TOKEN_DENIED);

        var e = googleError(() -> fx.clients.iamCredentials(bearer(stsToken())).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + runner,
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM))).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
        assertThat(e.getDetails().getDetails()).singleElement().satisfies(d -> {
            assertThat(d.getType()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
            assertThat(d.getReason()).isEqualTo("IAM_PERMISSION_DENIED");
        });
        assertThat(e.getContent()).containsPattern("\"permission\"\\s*:\\s*\"iam.serviceAccounts.getAccessToken\"");
    }

    @Test
    void principalSetWrittenWithTheProjectIdNeverMatches() throws Exception {
        grantOnServiceAccount(runner, "roles/iam.workloadIdentityUser", "principalSet://iam.googleapis.com/projects/"
                + "sandbox-project/locations/global/workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines");
        Throwable e = catchThrowable(() -> impersonating().refreshAccessToken());
        assertThat(SandboxFixture.messages(e)).contains(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
    }

    @Test
    void subjectPrincipalAndTokenCreatorRoleAlsoWork() throws Exception {
        grantOnServiceAccount(runner, "roles/iam.serviceAccountTokenCreator",
                "principal://" + POOL_MEMBERS + "subject/project_path:acme/pipelines:ref_type:branch:ref:main");
        assertThat(impersonating().refreshAccessToken().getTokenValue()).startsWith("sandbox-sa-");
    }

    @Test
    void groupPrincipalSetFromGoogleGroupsMapping() throws Exception {
        fx.providers().patch(fx.providerName("gitlab-ci", "gitlab"), new com.google.api.services.iam.v1.model
                .WorkloadIdentityPoolProvider().setAttributeMapping(Map.of("google.subject", "assertion.sub",
                        "google.groups", "[assertion.namespace_path]"))).setUpdateMask("attributeMapping").execute();
        grantOnServiceAccount(runner, "roles/iam.workloadIdentityUser", "principalSet://" + POOL_MEMBERS + "group/acme");
        assertThat(impersonating().refreshAccessToken().getTokenValue()).startsWith("sandbox-sa-");
    }

    @Test
    void lifetimeOverAnHourIsRejected() throws Exception {
        fullGrants();
        var e = googleError(() -> fx.clients.iamCredentials(bearer(stsToken())).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + runner, new GenerateAccessTokenRequest()
                        .setScope(List.of(SandboxFixture.CLOUD_PLATFORM)).setLifetime("7200s")).execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.LIFETIME_TOO_LONG);
    }

    @Test
    void lifetimeBeyondALongIsTooLongNotAServerError() throws Exception {
        fullGrants();
        var e = googleError(() -> fx.clients.iamCredentials(bearer(stsToken())).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + runner, new GenerateAccessTokenRequest()
                        .setScope(List.of(SandboxFixture.CLOUD_PLATFORM)).setLifetime("99999999999999999999s")).execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.LIFETIME_TOO_LONG);
    }

    @Test
    void ownerOperatorMayMintTokensForAnyAccount() throws Exception {
        GenerateAccessTokenResponse r = fx.clients.iamCredentials(fx.clients.target().credentials()).projects()
                .serviceAccounts().generateAccessToken("projects/-/serviceAccounts/" + runner,
                        new GenerateAccessTokenRequest().setScope(List.of(SandboxFixture.CLOUD_PLATFORM))).execute();
        assertThat(r.getAccessToken()).startsWith("sandbox-sa-");
    }

    @Test
    void federatedTokenUsedDirectlyIsUnauthenticatedOnOtherApis() throws Exception {
        String sts = stsToken();
        GoogleCredentials federated = bearer(sts);
        // a POST answered 401: HttpURLConnection in streaming mode drops the body, so only the status reaches the client
        var e = catchThrowable(() -> fx.clients.dataflow(federated).projects().locations().templates()
                .launch("sandbox-project", "us-central1", wordCount("wc")).setGcsPath(WORD_COUNT).execute());
        assertThat(e).isInstanceOf(com.google.api.client.googleapis.json.GoogleJsonResponseException.class);
        assertThat(((com.google.api.client.googleapis.json.GoogleJsonResponseException) e).getStatusCode()).isEqualTo(401);
        for (String path : List.of("/dataflow.googleapis.com/v1b3/projects/sandbox-project/locations/us-central1/templates:launch",
                "/iam.googleapis.com/v1/projects/sandbox-project/serviceAccounts",
                "/cloudresourcemanager.googleapis.com/v3/projects/sandbox-project:getIamPolicy")) {
            var raw = fx.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.sandbox.baseUrl() + path))
                    .header("Authorization", "Bearer " + sts).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
            assertThat(raw.status()).as(path).isEqualTo(401);
            assertThat(raw.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(raw.json().at("/error/message").asText()).isEqualTo(ErrorTexts.INVALID_AUTH_CREDENTIALS + GoogleErrors.DEVCONSOLE_HINT);
        }
        var crmClient = new com.google.api.services.cloudresourcemanager.v3.CloudResourceManager.Builder(
                fx.clients.target().transport(), dev.wifdesk.cloud.GoogleClients.JSON,
                new com.google.auth.http.HttpCredentialsAdapter(federated)).build();
        var crm = googleError(() -> crmClient.projects().get("projects/sandbox-project").execute());
        assertThat(crm.getStatusCode()).isEqualTo(401);
        // ErrorInfo as in public captures of this refusal: no domain, the service in metadata
        var info = crm.getDetails().getDetails().get(0);
        assertThat(info.getReason()).isEqualTo("ACCESS_TOKEN_TYPE_UNSUPPORTED");
        assertThat(info).doesNotContainKey("domain");
        assertThat(String.valueOf(info.get("metadata"))).isEqualTo("{service=cloudresourcemanager.googleapis.com}");
        assertThat(crm.getHeaders().getAuthenticate()).isEqualTo(GoogleErrors.BEARER_REALM);
        assertThat(crm.getDetails().getMessage()).isEqualTo(ErrorTexts.INVALID_AUTH_CREDENTIALS + GoogleErrors.DEVCONSOLE_HINT);

        // the auth library's own federated credentials (no impersonation URL) get the same answer
        GoogleCredentials direct = fx.externalAccount(audience, issuer.token(audience, fx.clock.instant(), Map.of()), null);
        var viaLibrary = googleError(() -> fx.clients.dataflow(direct).projects().locations().jobs()
                .get("sandbox-project", "us-central1", "any").execute());
        assertThat(viaLibrary.getStatusCode()).isEqualTo(401);
        assertThat(viaLibrary.getDetails().getMessage()).isEqualTo(ErrorTexts.INVALID_AUTH_CREDENTIALS + GoogleErrors.DEVCONSOLE_HINT);
    }

    @Test
    void disablingThePoolStopsIssuedFederatedTokens() throws Exception {
        fullGrants();
        String sts = stsToken();
        fx.pools().patch(fx.poolName("gitlab-ci"), new WorkloadIdentityPool().setDisabled(true)).setUpdateMask("disabled")
                .execute();
        var raw = fx.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.sandbox.baseUrl()
                        + "/iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/" + runner + ":generateAccessToken"))
                .header("Authorization", "Bearer " + sts)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"scope\":[\"" + SandboxFixture.CLOUD_PLATFORM + "\"]}"))
                .build());
        assertThat(raw.status()).isEqualTo(401);
        assertThat(raw.json().at("/error/message").asText()).isEqualTo(ErrorTexts.INVALID_AUTH_CREDENTIALS + GoogleErrors.DEVCONSOLE_HINT);
    }

    @Test
    void impersonatedRunnerLaunchesWordCountAndTheJobRunsToDone() throws Exception {
        fullGrants();
        Dataflow dataflow = fx.clients.dataflow(impersonating());
        LaunchTemplateResponse launched = dataflow.projects().locations().templates()
                .launch("sandbox-project", "us-central1", wordCount("wifdesk-verify")).setGcsPath(WORD_COUNT).execute();
        Job job = launched.getJob();
        assertThat(job.getId()).isNotBlank();
        assertThat(job.getName()).isEqualTo("wifdesk-verify");
        assertThat(job.getProjectId()).isEqualTo("sandbox-project");
        // the launch answer as gcloud/Beam captures show it: no state yet, the epoch as its time
        assertThat(job.getCurrentState()).isNull();
        assertThat(job.getCurrentStateTime()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(job.getStartTime()).isEqualTo(job.getCreateTime());
        assertThat(job.getType()).isEqualTo("JOB_TYPE_BATCH");
        assertThat(job.getLocation()).isEqualTo("us-central1");
        // the id starts with the creation time in Pacific time
        String pacific = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd_HH_mm_ss")
                .withZone(java.time.ZoneId.of("America/Los_Angeles")).format(Instant.parse(job.getCreateTime()));
        assertThat(job.getId()).matches(java.util.regex.Pattern.quote(pacific) + "-\\d{15,20}");
        Job first = dataflow.projects().locations().jobs().get("sandbox-project", "us-central1", job.getId()).execute();
        assertThat(first.getCurrentState()).isEqualTo("JOB_STATE_PENDING");
        assertThat(first.getStartTime()).isEqualTo(job.getCreateTime());

        fx.clock.advance(Duration.ofMillis(DataflowApi.DEFAULT_STEP_MS));
        assertThat(dataflow.projects().locations().jobs().get("sandbox-project", "us-central1", job.getId()).execute()
                .getCurrentState()).isEqualTo("JOB_STATE_RUNNING");
        fx.clock.advance(Duration.ofMillis(DataflowApi.DEFAULT_STEP_MS));
        Job done = dataflow.projects().locations().jobs().get("sandbox-project", "us-central1", job.getId()).execute();
        assertThat(done.getCurrentState()).isEqualTo("JOB_STATE_DONE");
        assertThat(Instant.parse(done.getCurrentStateTime())).isAfter(Instant.parse(job.getCreateTime()));
    }

    @Test
    void validateOnlyChecksWithoutCreatingAJob() throws Exception {
        fullGrants();
        Dataflow dataflow = fx.clients.dataflow(impersonating());
        Job job = dataflow.projects().locations().templates().launch("sandbox-project", "us-central1", wordCount("check"))
                .setGcsPath(WORD_COUNT).setValidateOnly(true).execute().getJob();
        // "The job that was launched, if the request was not a dry run" (LaunchTemplateResponse.job)
        assertThat(job).isNull();
        assertThat(dataflow.projects().locations().jobs().list("sandbox-project", "us-central1").execute().getJobs())
                .isNull();
    }

    @Test
    void launcherWithoutActAsOnTheWorkerCannotLaunch() throws Exception {
        grantOnServiceAccount(runner, "roles/iam.workloadIdentityUser",
                "principalSet://" + POOL_MEMBERS + "attribute.project_path/acme/pipelines");
        grantOnProject("roles/dataflow.developer", "serviceAccount:" + runner);
        Dataflow dataflow = fx.clients.dataflow(impersonating());

        var e = googleError(() -> dataflow.projects().locations().templates()
                .launch("sandbox-project", "us-central1", wordCount("wc")).setGcsPath(WORD_COUNT).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getMessage()).matches("\\([0-9a-f]{16}\\): " + java.util.regex.Pattern.quote(
                ErrorTexts.cannotActAs(fx.sandbox.computeServiceAccount())));

        LaunchTemplateParameters custom = wordCount("wc");
        custom.getEnvironment().setServiceAccountEmail(runner);
        var own = googleError(() -> dataflow.projects().locations().templates()
                .launch("sandbox-project", "us-central1", custom).setGcsPath(WORD_COUNT).execute());
        assertThat(own.getDetails().getMessage()).endsWith("): " + ErrorTexts.cannotActAs(runner));
    }

    @Test
    void launcherWithoutDataflowRoleIsDenied() throws Exception {
        grantOnServiceAccount(runner, "roles/iam.workloadIdentityUser",
                "principalSet://" + POOL_MEMBERS + "attribute.project_path/acme/pipelines");
        Dataflow dataflow = fx.clients.dataflow(impersonating());
        var e = googleError(() -> dataflow.projects().locations().templates()
                .launch("sandbox-project", "us-central1", wordCount("wc")).setGcsPath(WORD_COUNT).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        // Dataflow's own 403 (catalogue #27), not the generic one: see DataflowLaunchPermissionTest
        assertThat(e.getDetails().getMessage().replaceAll("\\([0-9a-f]{16}\\)", "(ID)")).isEqualTo("(ID): "
                + dev.wifdesk.model.CatalogueFixture.fill(27, "PROJECT", "sandbox-project"));
    }

    @Test
    void templateArgumentsAreChecked() {
        Dataflow dataflow = fx.clients.dataflow();
        var noPath = googleError(() -> dataflow.projects().locations().templates()
                .launch("sandbox-project", "us-central1", wordCount("wc")).execute());
        assertThat(noPath.getStatusCode()).isEqualTo(400);
        assertThat(noPath.getDetails().getMessage()).contains("gcsPath");

        var noOutput = googleError(() -> dataflow.projects().locations().templates()
                .launch("sandbox-project", "us-central1", wordCount("wc").setParameters(Map.of("inputFile", "gs://x/y")))
                .setGcsPath(WORD_COUNT).execute());
        assertThat(noOutput.getStatusCode()).isEqualTo(400);
        assertThat(noOutput.getDetails().getMessage()).contains("output");

        var badName = googleError(() -> dataflow.projects().locations().templates()
                .launch("sandbox-project", "us-central1", wordCount("Bad_Name")).setGcsPath(WORD_COUNT).execute());
        assertThat(badName.getDetails().getMessage()).contains("jobName");
    }

    @Test
    void operatorLaunchesAFlexTemplateAndUnknownJobsAreNotFound() throws Exception {
        Dataflow dataflow = fx.clients.dataflow();
        Job job = dataflow.projects().locations().flexTemplates().launch("sandbox-project", "europe-west1",
                new LaunchFlexTemplateRequest().setLaunchParameter(new LaunchFlexTemplateParameter().setJobName("flex-wc")
                        .setContainerSpecGcsPath("gs://wifdesk-sandbox/templates/wc.json")
                        .setEnvironment(new FlexTemplateRuntimeEnvironment().setMaxWorkers(2)))).execute().getJob();
        assertThat(job.getLocation()).isEqualTo("europe-west1");
        // flex-template launch captures name no type; jobs.get does
        assertThat(job.getType()).isNull();
        assertThat(job.getCurrentStateTime()).isEqualTo("1970-01-01T00:00:00Z");
        Job got = dataflow.projects().locations().jobs().get("sandbox-project", "europe-west1", job.getId()).execute();
        assertThat(got.getName()).isEqualTo("flex-wc");
        assertThat(got.getType()).isEqualTo("JOB_TYPE_BATCH");

        var missing = googleError(() -> dataflow.projects().locations().jobs()
                .get("sandbox-project", "europe-west1", "2026-01-01_00_00_00-1").execute());
        assertThat(missing.getStatusCode()).isEqualTo(404);
    }
}
