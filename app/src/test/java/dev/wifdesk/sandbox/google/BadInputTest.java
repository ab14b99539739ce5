package dev.wifdesk.sandbox.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw HTTP at the sandbox: whatever arrives, the answer is a Google error envelope in JSON. */
class BadInputTest {
    private static final String POOLS = "/iam.googleapis.com/v1/projects/sandbox-project/locations/global/workloadIdentityPools";
    private final SandboxFixture fx = new SandboxFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + fx.sandbox.operatorToken());
    }

    private static void assertEnvelope(SandboxFixture.Raw r, int code, String status) {
        assertThat(r.status()).isEqualTo(code);
        assertThat(r.contentType()).isEqualTo("application/json; charset=UTF-8");
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(code);
        assertThat(error.get("status").asText()).isEqualTo(status);
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        // IAM and Resource Manager answers carry the legacy errors[] array (its reason is what Go clients print)
        assertThat(error.get("errors").get(0).get("domain").asText()).isEqualTo("global");
        if (code == 401) {
            // the legacy entry of a 401 names the header: "Login Required." / "Invalid Credentials"
            assertThat(error.get("errors").get(0).get("location").asText()).isEqualTo("Authorization");
        } else {
            assertThat(error.get("errors").get(0).get("message").asText()).isEqualTo(error.get("message").asText());
        }
    }

    @Test
    void malformedJsonIsInvalidArgument() throws Exception {
        var r = fx.send(request(POOLS + "?workloadIdentityPoolId=gitlab-ci")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\": ")).build());
        assertEnvelope(r, 400, "INVALID_ARGUMENT");
        assertThat(r.json().at("/error/message").asText()).startsWith("Invalid JSON payload received.");

        var array = fx.send(request(POOLS + "?workloadIdentityPoolId=gitlab-ci")
                .POST(HttpRequest.BodyPublishers.ofString("[1,2]")).build());
        assertEnvelope(array, 400, "INVALID_ARGUMENT");
    }

    @Test
    void unknownPathsAndHostsAreNotFound() throws Exception {
        assertEnvelope(fx.send(request("/iam.googleapis.com/v1/nothing/here").GET().build()), 404, "NOT_FOUND");
        assertEnvelope(fx.send(request("/storage.googleapis.com/v1/b").GET().build()), 404, "NOT_FOUND");
        assertEnvelope(fx.send(request("/").GET().build()), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsAGoogleStyle405() throws Exception {
        var r = fx.send(request(POOLS).PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEnvelope(r, 405, "UNIMPLEMENTED");
        assertThat(r.json().at("/error/message").asText()).contains("PUT");
    }

    @Test
    void missingOrUnknownBearerIsUnauthenticated() throws Exception {
        var none = fx.send(HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl() + POOLS)).GET().build());
        assertEnvelope(none, 401, "UNAUTHENTICATED");
        assertThat(none.json().at("/error/message").asText()).isEqualTo("Request is missing required authentication "
                + "credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. "
                + "See https://developers.google.com/identity/sign-in/web/devconsole-project.");
        assertThat(none.json().at("/error/details/0/reason").asText()).isEqualTo("CREDENTIALS_MISSING");
        assertThat(none.json().at("/error/details/0/domain").asText()).isEqualTo("googleapis.com");
        var unknown = fx.send(HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl() + POOLS))
                .header("Authorization", "Bearer sandbox-operator-made-up").GET().build());
        assertEnvelope(unknown, 401, "UNAUTHENTICATED");
    }

    @Test
    void hugeBodyIsRefusedWithAnEnvelope() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        var r = fx.send(request(POOLS + "?workloadIdentityPoolId=gitlab-ci")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertEnvelope(r, 413, "INVALID_ARGUMENT");
        assertThat(r.json().at("/error/message").asText()).contains(String.valueOf(Router.MAX_BODY_BYTES));
    }

    @Test
    void gzipAndChunkedBodiesAreDecoded() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write("{\"displayName\":\"Zipped\"}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] zipped = buf.toByteArray();
        // ofInputStream has no known length: the JDK client sends it chunked
        var r = fx.send(request(POOLS + "?workloadIdentityPoolId=zipped&alt=json&prettyPrint=false&$.xgafv=2&fields=name")
                .header("Content-Encoding", "gzip").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(zipped))).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/response/displayName").asText()).isEqualTo("Zipped");

        var broken = fx.send(request(POOLS + "?workloadIdentityPoolId=broken").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("not gzip at all")).build());
        assertEnvelope(broken, 400, "INVALID_ARGUMENT");
    }

    @Test
    void methodOverrideTurnsPostIntoPatch() throws Exception {
        fx.createPool("gitlab-ci");
        var r = fx.send(request(POOLS + "/gitlab-ci?updateMask=displayName").header("X-HTTP-Method-Override", "PATCH")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Overridden\"}")).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(fx.pools().get(fx.poolName("gitlab-ci")).execute().getDisplayName()).isEqualTo("Overridden");
    }

    @Test
    void longGetSentAsPostWithFormBodyKeepsItsQuery() throws Exception {
        for (String id : new String[] {"pool-a", "pool-b"}) {
            fx.createPool(id);
        }
        var r = fx.send(request(POOLS).header("X-HTTP-Method-Override", "GET")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("pageSize=1&alt=json")).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("workloadIdentityPools")).hasSize(1);
        assertThat(r.json().get("nextPageToken").asText()).isNotBlank();
    }

    @Test
    void badPageTokenIsInvalidArgument() throws Exception {
        assertEnvelope(fx.send(request(POOLS + "?pageToken=bm9wZQ").GET().build()), 400, "INVALID_ARGUMENT");
    }
}
