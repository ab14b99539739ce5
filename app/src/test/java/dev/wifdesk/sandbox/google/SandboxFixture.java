package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.SandboxRouting;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A running Google sandbox on a hand-moved clock, with the real clients pointed at it. */
final class SandboxFixture implements AutoCloseable {
    static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    /** Starts at the real time: google-auth-library judges token expiry by the system clock. */
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    final IssuerDirectory issuers = new IssuerDirectory();
    final GoogleSandbox sandbox;
    final GoogleClients clients;
    final Iam iam;
    final ObjectMapper mapper = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().proxy(java.net.ProxySelector.of(null)).build();

    SandboxFixture() {
        this(SandboxOptions.defaults());
    }

    SandboxFixture(SandboxOptions options) {
        sandbox = GoogleSandbox.start(options, issuers, clock);
        clients = new GoogleClients(Target.sandbox(sandbox.baseUrl(), sandbox.operatorToken(), sandbox.operatorEmail()));
        iam = clients.iam();
    }

    String number() {
        return sandbox.projectNumber();
    }

    String poolName(String poolId) {
        return ResourceNames.poolName(number(), poolId);
    }

    String providerName(String poolId, String providerId) {
        return ResourceNames.providerName(number(), poolId, providerId);
    }

    Iam.Projects.Locations.WorkloadIdentityPools pools() {
        return iam.projects().locations().workloadIdentityPools();
    }

    Iam.Projects.Locations.WorkloadIdentityPools.Providers providers() {
        return pools().providers();
    }

    Operation createPool(String poolId) throws Exception {
        return pools().create("projects/" + sandbox.projectId() + "/locations/global",
                new WorkloadIdentityPool().setDisplayName("GitLab CI")).setWorkloadIdentityPoolId(poolId).execute();
    }

    static WorkloadIdentityPoolProvider provider(String issuer, String jwksJson, String condition) {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("google.subject", "assertion.sub");
        mapping.put("attribute.project_path", "assertion.project_path");
        mapping.put("attribute.ref", "assertion.ref");
        return new WorkloadIdentityPoolProvider()
                .setDisplayName("GitLab")
                .setAttributeMapping(mapping)
                .setAttributeCondition(condition)
                .setOidc(new Oidc().setIssuerUri(issuer).setJwksJson(jwksJson));
    }

    Operation createProvider(String poolId, String providerId, WorkloadIdentityPoolProvider provider) throws Exception {
        return providers().create(poolName(poolId), provider).setWorkloadIdentityPoolProviderId(providerId).execute();
    }

    /** Pool + provider trusting {@code issuer} with its inline JWKS and a namespace condition. */
    void federation(String poolId, String providerId, TestIssuer issuer, boolean inlineJwks) throws Exception {
        createPool(poolId);
        createProvider(poolId, providerId, provider(issuer.issuer, inlineJwks ? issuer.jwksJson() : null,
                "assertion.namespace_path == \"acme\""));
    }

    /** The default audience of a provider, as GitLab's {@code aud} would carry it. */
    String defaultAudience(String poolId, String providerId) {
        return ResourceNames.defaultAudiences(providerName(poolId, providerId)).get(0);
    }

    /** Credentials from an external_account config whose subject token is in a file. */
    GoogleCredentials externalAccount(String audience, String jwt, String impersonate) throws Exception {
        Path file = Files.createTempFile("wifdesk-test-jwt", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, jwt);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", "external_account");
        config.put("audience", audience);
        config.put("subject_token_type", JWT_TYPE);
        config.put("token_url", "https://sts.googleapis.com/v1/token");
        if (impersonate != null) {
            config.put("service_account_impersonation_url",
                    "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/" + impersonate + ":generateAccessToken");
        }
        config.put("credential_source", Map.of("file", file.toString()));
        byte[] json = mapper.writeValueAsBytes(config);
        var transport = SandboxRouting.transport(sandbox.baseUrl());
        return GoogleCredentials.fromStream(new ByteArrayInputStream(json), () -> transport)
                .createScoped(List.of(CLOUD_PLATFORM));
    }

    /** A raw STS exchange: status and JSON body. */
    Raw sts(String audience, String subjectToken) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("audience", audience);
        form.put("scope", CLOUD_PLATFORM);
        form.put("requested_token_type", "urn:ietf:params:oauth:token-type:access_token");
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", JWT_TYPE);
        return stsForm(form);
    }

    Raw stsForm(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest req = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sts.googleapis.com/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return send(req);
    }

    Raw send(HttpRequest req) throws Exception {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(r.body());
        return new Raw(r.statusCode(), json, r.headers().firstValue("Content-Type").orElse(""));
    }

    record Raw(int status, JsonNode json, String contentType) {
    }

    /** Every message of a cause chain, joined: the auth library wraps the HTTP error it got. */
    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    /** A new service account {@code id} of the seeded project, created by the operator; its e-mail. */
    String createServiceAccount(String id) throws Exception {
        return iam.projects().serviceAccounts().create("projects/" + sandbox.projectId(),
                new com.google.api.services.iam.v1.model.CreateServiceAccountRequest().setAccountId(id)
                        .setServiceAccount(new com.google.api.services.iam.v1.model.ServiceAccount())).execute().getEmail();
    }

    /** An access token of {@code email}, minted by the operator (owner) through IAM Credentials. */
    GoogleCredentials tokenOf(String email) throws Exception {
        String token = clients.iamCredentials(clients.target().credentials()).projects().serviceAccounts()
                .generateAccessToken("projects/-/serviceAccounts/" + email,
                        new com.google.api.services.iamcredentials.v1.model.GenerateAccessTokenRequest()
                                .setScope(List.of(CLOUD_PLATFORM))).execute().getAccessToken();
        return GoogleCredentials.create(new com.google.auth.oauth2.AccessToken(token, null));
    }

    /** Read-modify-write of the project policy through Resource Manager: {@code member} gets {@code role}. */
    void grantOnProject(String role, String member) throws Exception {
        editProjectPolicy(bindings -> bindings.add(new com.google.api.services.cloudresourcemanager.v3.model.Binding()
                .setRole(role).setMembers(List.of(member))));
    }

    /** Read-modify-write of the project policy: {@code member} loses {@code role}. */
    void revokeOnProject(String role, String member) throws Exception {
        editProjectPolicy(bindings -> bindings.forEach(b -> {
            if (b.getRole().equals(role)) {
                b.setMembers(b.getMembers().stream().filter(m -> !m.equals(member)).toList());
            }
        }));
    }

    private void editProjectPolicy(java.util.function.Consumer<List<com.google.api.services.cloudresourcemanager.v3.model.Binding>> edit)
            throws Exception {
        var crm = clients.resourceManager();
        String name = "projects/" + sandbox.projectId();
        var p = crm.projects().getIamPolicy(name, new com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest())
                .execute();
        var bindings = new java.util.ArrayList<>(p.getBindings());
        edit.accept(bindings);
        crm.projects().setIamPolicy(name, new com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest()
                .setPolicy(p.setBindings(bindings))).execute();
    }

    /** Read-modify-write of a service account's own policy: {@code member} gets {@code role} on it. */
    void grantOnServiceAccount(String email, String role, String member) throws Exception {
        var accounts = iam.projects().serviceAccounts();
        String resource = "projects/" + sandbox.projectId() + "/serviceAccounts/" + email;
        var p = accounts.getIamPolicy(resource).execute();
        var bindings = p.getBindings() == null ? new java.util.ArrayList<com.google.api.services.iam.v1.model.Binding>()
                : new java.util.ArrayList<>(p.getBindings());
        bindings.add(new com.google.api.services.iam.v1.model.Binding().setRole(role).setMembers(List.of(member)));
        accounts.setIamPolicy(resource, new com.google.api.services.iam.v1.model.SetIamPolicyRequest()
                .setPolicy(p.setBindings(bindings))).execute();
    }

    /** Runs a client call that must fail with a Google error; returns it. */
    static GoogleJsonResponseException googleError(Executable call) {
        GoogleJsonResponseException e = catchThrowableOfType(GoogleJsonResponseException.class, call::execute);
        assertThat(e).as("expected a Google error response").isNotNull();
        assertThat(e.getDetails()).as("error details parsed from the JSON envelope").isNotNull();
        return e;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
