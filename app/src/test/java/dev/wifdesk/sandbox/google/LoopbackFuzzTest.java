package dev.wifdesk.sandbox.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bounded loopback fuzz of the Google sandbox: random methods, paths under every host prefix,
 * query strings, headers (method overrides, gzip claims, huge values) and bodies (garbage, broken
 * gzip, deep nesting, wrong JSON types). Every answer must be a Google error envelope (an OAuth
 * error for STS) or a JSON resource, never a 500, never a hang; the server must answer afterwards.
 * The seed is fixed so a failure replays; the failing request is named in the assertion.
 */
class LoopbackFuzzTest {
    private static final int REQUESTS = 2000;
    private static final long SEED = 0x5EED_F1DE_17EAL;
    private static final Duration PER_REQUEST = Duration.ofSeconds(10);
    private static final List<String> HOSTS = List.of("iam.googleapis.com", "iam.googleapis.com", "sts.googleapis.com",
            "iamcredentials.googleapis.com", "cloudresourcemanager.googleapis.com", "serviceusage.googleapis.com",
            "dataflow.googleapis.com", "dataflow.googleapis.com", "storage.googleapis.com", "", "sandbox");
    private static final String POOLS = "v1/projects/{p}/locations/global/workloadIdentityPools";
    private static final String ACCOUNT = "v1/projects/{p}/serviceAccounts/{x}";
    private static final java.util.Map<String, List<String>> TEMPLATES = java.util.Map.of(
            "iam.googleapis.com", List.of(POOLS, POOLS + "/{x}", POOLS + "/{x}:undelete", POOLS + "/{x}/operations/{x}",
                    POOLS + "/{x}/providers", POOLS + "/{x}/providers/{x}", POOLS + "/{x}/providers/{x}:undelete",
                    POOLS + "/{x}/providers/{x}/operations/{x}", "v1/projects/{p}/serviceAccounts", ACCOUNT,
                    ACCOUNT + ":getIamPolicy", ACCOUNT + ":setIamPolicy", ACCOUNT + ":testIamPermissions", ACCOUNT + "/keys",
                    ACCOUNT + "/keys/{x}"),
            "sts.googleapis.com", List.of("v1/token", "v1beta/token"),
            "iamcredentials.googleapis.com", List.of(ACCOUNT + ":generateAccessToken"),
            "cloudresourcemanager.googleapis.com", List.of("v3/projects/{p}", "v3/projects/{p}:getIamPolicy",
                    "v3/projects/{p}:setIamPolicy", "v3/projects/{p}:testIamPermissions"),
            "serviceusage.googleapis.com", List.of("v1/projects/{p}/services", "v1/projects/{p}/services/{x}",
                    "v1/projects/{p}/services/{x}:enable", "v1/projects/{p}/services/{x}:disable",
                    "v1/projects/{p}/services:batchEnable", "v1/operations/{x}"),
            "dataflow.googleapis.com", List.of("v1b3/projects/{p}/locations/{x}/templates:launch",
                    "v1b3/projects/{p}/templates:launch", "v1b3/projects/{p}/locations/{x}/flexTemplates:launch",
                    "v1b3/projects/{p}/locations/{x}/jobs", "v1b3/projects/{p}/locations/{x}/jobs/{x}",
                    "v1b3/projects/{p}/jobs/{x}"));
    private static final List<String> ODD_TEMPLATES = List.of("{x}", "{x}/{x}/{x}", "", "v1", "v1/projects/{p}");
    /** Weighted: most calls are the verbs the APIs route, so the probes reach the handlers. */
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "POST", "POST", "POST", "PATCH",
            "DELETE", "PUT", "OPTIONS", "HEAD", "TRACE", "FUZZ");
    private static final List<String> KNOWN = List.of("gitlab-ci", "gitlab", "us-central1", "global", "iam.googleapis.com",
            "dataflow.googleapis.com", "428617359021-compute@developer.gserviceaccount.com", "fuzzacct@sandbox-project.iam.gserviceaccount.com",
            "-", "2026-01-01_00_00_00-1");
    private static final List<String> SEGMENTS = List.of("sandbox-project", "428617359021", "-", "gitlab-ci", "gitlab",
            "us-central1", "global", "iam.googleapis.com", "428617359021-compute@developer.gserviceaccount.com", "%2F",
            "%00", "%zz", "%", "..", ".", "%C3%A9", "a%2Fb", "%25", ":", ";", "'", "\u00e9", "x".repeat(3000));
    private static final List<String> JSON_BODIES = List.of("{}", "[]", "null", "1", "\"s\"", "{\"displayName\":5}",
            "{\"displayName\":\"" + "d".repeat(40) + "\"}", "{\"disabled\":\"yes\"}", "{\"policy\":\"x\"}",
            "{\"policy\":{\"bindings\":[{\"role\":null,\"members\":[1,{}]}],\"etag\":7}}",
            "{\"policy\":{\"bindings\":[{\"role\":\"roles/viewer\",\"members\":[\"user:a@b\"],\"condition\":{\"expression\":\"(\"}}]}}",
            "{\"policy\":{\"bindings\":[{\"role\":\"roles/viewer\",\"members\":[\"user:a@b\"],\"condition\":\"x\"}]}}",
            "{\"accountId\":\"fuzzacct\",\"serviceAccount\":{\"displayName\":[]}}", "{\"accountId\":{}}",
            "{\"oidc\":{\"issuerUri\":\"https://x\",\"allowedAudiences\":\"a\",\"jwksJson\":\"{\"}}",
            "{\"attributeMapping\":{\"google.subject\":\"assertion.sub\"},\"oidc\":{\"issuerUri\":\"https://gitlab.com\"}}",
            "{\"attributeMapping\":[],\"attributeCondition\":{},\"oidc\":[]}", "{\"scope\":\"x\",\"lifetime\":\"99999999999999999999s\"}",
            "{\"scope\":[1],\"lifetime\":-1}", "{\"launchParameter\":{\"jobName\":5,\"containerSpec\":[]},\"validateOnly\":\"x\"}",
            "{\"jobName\":\"" + "j".repeat(2000) + "\",\"parameters\":[],\"environment\":\"e\"}", "{\"serviceIds\":[null,{},\"x\"]}",
            "{\"permissions\":\"x\"}", "{\"permissions\":[null,1,\"iam.serviceAccounts.get\"]}",
            "{\"options\":{\"requestedPolicyVersion\":\"abc\"}}", "{\"options\":{\"requestedPolicyVersion\":99999999999}}",
            "{\"grantType\":[],\"subjectToken\":{}}", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            "{\"a\":\"\\ud800\"}", "{\"a\":1e99999}", "{\"a\":" + "9".repeat(2000) + "}");
    private static final List<String> FORM_BODIES = List.of(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&subject_token=a.b.c&audience=%2F%2Fiam.googleapis.com%2Fprojects%2F428617359021%2Flocations%2Fglobal%2FworkloadIdentityPools%2Fp%2Fproviders%2Fq",
            "grant_type=x&subject_token=%%%", "=&&=&a", "subject_token=" + "e".repeat(5000),
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&subject_token=eyJhbGciOiJub25lIn0.eyJpc3MiOjF9.&audience=%2F%2Fiam.googleapis.com%2Fprojects%2Fsandbox-project%2Flocations%2Fglobal%2FworkloadIdentityPools%2Fp%2Fproviders%2Fq");

    private final SandboxFixture fx = new SandboxFixture();
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().proxy(java.net.ProxySelector.of(null)).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PER_REQUEST).build();
    private final Random random = new Random(SEED);

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void everyAnswerIsAnEnvelopeOrAResourceAndTheServerSurvives() throws Exception {
        // resources the known path segments name, so that part of the probes reach existing objects
        fx.createPool("gitlab-ci");
        fx.createProvider("gitlab-ci", "gitlab", SandboxFixture.provider("https://gitlab.sandbox.wifdesk.test", null,
                "assertion.namespace_path == \"acme\""));
        fx.iam.projects().serviceAccounts().create("projects/sandbox-project",
                new com.google.api.services.iam.v1.model.CreateServiceAccountRequest().setAccountId("fuzzacct")
                        .setServiceAccount(new com.google.api.services.iam.v1.model.ServiceAccount())).execute();
        int raw = 0;
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Probe probe = nextProbe(i);
            Answer answer;
            if (probe.request() == null) {
                // a path or query java.net.URI refuses (e.g. "%zz"): sent as raw bytes on a socket
                answer = sendRaw(probe);
                raw++;
                if (answer == null) {
                    continue;
                }
            } else {
                try {
                    HttpResponse<byte[]> r = http.send(probe.request(), HttpResponse.BodyHandlers.ofByteArray());
                    answer = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
                } catch (HttpTimeoutException e) {
                    fail("no answer within " + PER_REQUEST + " to " + probe);
                    return;
                }
            }
            check(probe, answer);
            statuses.merge(answer.status(), 1, Integer::sum);
        }
        System.out.println("fuzz: " + REQUESTS + " probes, " + raw + " raw, answers by status " + statuses);
        // the probes must reach the handlers, not only the router's 404/401
        assertThat(statuses.keySet()).contains(200, 400, 401, 404);
        assertThat(raw).as("raw-socket probes").isPositive();
        // still alive and still correct through the real client
        var pools = fx.pools().list("projects/sandbox-project/locations/global").execute();
        assertThat(pools).isNotNull();
        assertThat(fx.iam.projects().serviceAccounts().get("projects/sandbox-project/serviceAccounts/"
                + fx.sandbox.computeServiceAccount()).execute().getEmail()).isEqualTo(fx.sandbox.computeServiceAccount());
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    private void check(Probe probe, Answer r) throws Exception {
        int status = r.status();
        assertThat(status).as("status of " + probe).isBetween(200, 599).isNotEqualTo(500);
        if (probe.method().equals("HEAD")) {
            return;
        }
        if (probe.request() == null && status == 400 && r.contentType().startsWith("text/html")) {
            // the JDK server refuses a target java.net.URI cannot parse before any handler runs (as Google's
            // front end answers such requests with its own HTML 400 page); the server must simply live on
            return;
        }
        assertThat(r.contentType()).as("content type of " + probe + " (" + status + " " + new String(r.body(), StandardCharsets.UTF_8) + ")").startsWith("application/json");
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(text).as("body of " + probe).doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (java.io.IOException e) {
            fail("not JSON (" + status + ") for " + probe + ": " + text);
            return;
        }
        assertThat(json != null && json.isObject()).as("JSON object for " + probe + ": " + text).isTrue();
        if (status < 400) {
            return;
        }
        JsonNode error = json.get("error");
        if (error != null && error.isTextual()) {
            // STS speaks OAuth 2.0: {"error":"invalid_request","error_description":"..."}
            assertThat(probe.host()).as("OAuth error outside STS: " + probe).isEqualTo("sts.googleapis.com");
            assertThat(json.path("error_description").asText()).as("error_description of " + probe).isNotBlank();
            return;
        }
        assertThat(error).as("error envelope of " + probe + ": " + text).isNotNull();
        assertThat(error.path("code").asInt()).as("error.code of " + probe).isEqualTo(status);
        assertThat(error.path("status").asText()).as("error.status of " + probe).matches("[A-Z_]+");
        assertThat(error.path("message").asText()).as("error.message of " + probe).isNotBlank();
    }

    private record Probe(int n, String method, String host, String path, String headerNote, byte[] body,
                         HttpRequest request, String rawTarget, java.util.Map<String, String> headers) {
        @Override
        public String toString() {
            String p = path.length() > 200 ? path.substring(0, 200) + "..." : path;
            return "#" + n + " " + method + " /" + host + "/" + p + " [" + headerNote + ", " + body.length + " body bytes]";
        }
    }

    private Probe nextProbe(int n) throws Exception {
        String host = pick(HOSTS);
        String method = pick(METHODS);
        String path = path(host);
        String query = random.nextInt(3) == 0 ? "" : "?" + query(random.nextInt(10) == 0);
        String target = "/" + host + (host.isEmpty() ? "" : "/") + path + query;
        byte[] body = body(host);
        StringBuilder note = new StringBuilder();
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        Headers b = headers::put;
        switch (random.nextInt(6)) {
            case 0, 1, 4 -> {
                b.header("Authorization", "Bearer " + fx.sandbox.operatorToken());
                note.append("operator");
            }
            case 2 -> {
                b.header("Authorization", "Bearer " + "z".repeat(random.nextInt(3) == 0 ? 20000 : 10));
                note.append("bad bearer");
            }
            case 3 -> {
                b.header("Authorization", "Basic " + "Zm9vOmJhcg==");
                note.append("basic");
            }
            default -> note.append("no auth");
        }
        if (random.nextInt(4) == 0) {
            String override = pick(List.of("PATCH", "GET", "DELETE", "PUT", "patch", " ", "X".repeat(50)));
            b.header("X-HTTP-Method-Override", override);
            note.append(", override ").append(override.length() > 10 ? "long" : override);
        }
        int gzip = random.nextInt(6);
        if (gzip == 0 && body.length > 0) {
            body = gzip(body);
            b.header("Content-Encoding", "gzip");
            note.append(", gzip");
        } else if (gzip == 1) {
            byte[] broken = body.length > 0 ? gzip(body) : new byte[] {0x1f, (byte) 0x8b, 8, 0};
            body = java.util.Arrays.copyOf(broken, Math.max(1, broken.length / 2));
            b.header("Content-Encoding", "gzip");
            note.append(", broken gzip");
        } else if (gzip == 2) {
            b.header("Content-Encoding", pick(List.of("deflate", "br", "gzip, gzip", "GZIP")));
            note.append(", odd encoding");
        }
        if (random.nextInt(10) == 0) {
            b.header("X-Fuzz", "h".repeat(16 * 1024 + random.nextInt(16 * 1024)));
            note.append(", huge header");
        }
        b.header("Content-Type", pick(List.of("application/json", "application/x-www-form-urlencoded",
                "text/plain", "application/json; charset=UTF-8", "multipart/form-data; boundary=x")));
        HttpRequest request = null;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(fx.sandbox.baseUrl() + target)).timeout(PER_REQUEST);
            headers.forEach(builder::header);
            HttpRequest.BodyPublisher publisher = body.length == 0 && random.nextBoolean()
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
            request = builder.method(method, publisher).build();
        } catch (IllegalArgumentException e) {
            note.append(", raw");
        }
        return new Probe(n, method, host, path, note.toString(), body, request, target, headers);
    }

    @FunctionalInterface
    private interface Headers {
        void header(String name, String value);
    }

    /** One HTTP/1.1 exchange on a plain socket, for request targets java.net.URI will not build. */
    private Answer sendRaw(Probe probe) throws Exception {
        URI base = fx.sandbox.baseUrl();
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) PER_REQUEST.toMillis());
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(probe.method()).append(' ').append(probe.rawTarget()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\nContent-Length: ").append(probe.body().length).append("\r\n");
            probe.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            req.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            req.write(probe.body());
            byte[] all;
            try {
                socket.getOutputStream().write(req.toByteArray());
                socket.getOutputStream().flush();
                all = socket.getInputStream().readAllBytes();
            } catch (java.net.SocketTimeoutException e) {
                fail("no answer within " + PER_REQUEST + " to " + probe);
                return null;
            } catch (java.net.SocketException e) {
                // the JDK server answers an unparseable request target at once and closes without reading the
                // body; a reset is acceptable there and nowhere else
                boolean parseable;
                try {
                    new URI(base + probe.rawTarget());
                    parseable = true;
                } catch (java.net.URISyntaxException notParseable) {
                    parseable = false;
                }
                assertThat(parseable).as("connection reset (" + e.getMessage() + ") on " + probe).isFalse();
                return null;
            }
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("HTTP answer to " + probe + ": " + text).isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String type = "";
            for (String line : lines) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).trim();
                }
            }
            return new Answer(status, type, java.util.Arrays.copyOfRange(all, end + 4, all.length));
        }
    }

    private String path(String host) {
        List<String> own = TEMPLATES.get(host);
        // mostly a template of the host's own API, sometimes another host's, sometimes nonsense
        int r = random.nextInt(10);
        String t = own != null && r < 7 ? pick(own)
                : r < 9 ? pick(pick(List.copyOf(TEMPLATES.values()))) : pick(ODD_TEMPLATES);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            int p = t.indexOf("{p}", i);
            int x = t.indexOf("{x}", i);
            int next = p < 0 ? x : (x < 0 ? p : Math.min(p, x));
            if (next < 0) {
                out.append(t.substring(i));
                break;
            }
            out.append(t, i, next).append(segment(t.startsWith("{p}", next)));
            i = next + 3;
        }
        return out.toString();
    }

    private String segment(boolean project) {
        int kind = random.nextInt(20);
        if (kind < 12) {
            return project ? pick(List.of("sandbox-project", "428617359021")) : pick(KNOWN);
        }
        if (kind < 17) {
            return URLEncoder.encode(randomText(1 + random.nextInt(40)), StandardCharsets.UTF_8).replace("+", "%20");
        }
        String s = pick(SEGMENTS);
        return s.chars().allMatch(c -> c < 128) ? s : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String query(boolean malformed) {
        StringBuilder q = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                q.append('&');
            }
            String key = pick(List.of("workloadIdentityPoolId", "workloadIdentityPoolProviderId", "updateMask", "pageSize",
                    "pageToken", "showDeleted", "gcsPath", "validateOnly", "options.requestedPolicyVersion", "filter", "alt",
                    "$.xgafv", "%zz", "", "x"));
            String value = malformed ? pick(List.of("%", "%zz", "%E0%A4%A")) : pick(List.of("gitlab-ci", "gcp-x", "A",
                    "-1", "99999999999999", "displayName,nope", "displayName", "true", "gs%3A%2F%2Fdataflow-templates%2Flatest%2FWord_Count",
                    "gs://", "", "3", "2", "bm90LWEtdG9rZW4", "o:-5", URLEncoder.encode(randomText(20), StandardCharsets.UTF_8)));
            q.append(key).append('=').append(value);
        }
        return q.toString();
    }

    private byte[] body(String host) {
        int kind = random.nextInt(6);
        return switch (kind) {
            case 0 -> new byte[0];
            case 1 -> {
                byte[] b = new byte[random.nextInt(2048)];
                random.nextBytes(b);
                yield b;
            }
            case 2 -> (host.startsWith("sts") ? pick(FORM_BODIES) : randomText(200)).getBytes(StandardCharsets.UTF_8);
            default -> pick(JSON_BODIES).getBytes(StandardCharsets.UTF_8);
        };
    }

    private String randomText(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(10) == 0 ? 0x80 + random.nextInt(0x700) : 0x20 + random.nextInt(0x5f);
            sb.append((char) c);
        }
        return sb.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] gzip(byte[] data) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
