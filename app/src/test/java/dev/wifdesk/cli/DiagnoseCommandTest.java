package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WifdeskCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/diagnose/" + name)) {
            Path p = dir.resolve(name.replace('/', '_'));
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A made-up ID token: header {"alg":"RS256"}, claims {"sub":"project_path:acme/pipelines"}, a fake signature. */
    private static final String PASTED_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6YWNtZS9waXBlbGluZXMifQ.c2lnbmF0dXJl";

    @Test
    void aTokenPastedIntoTheWrongPlaceIsNotPrintedBack() {
        assertThat(run("diagnose", "--project-number", PASTED_TOKEN)).isEqualTo(2);
        assertThat(run("diagnose", "--gitlab-project", PASTED_TOKEN)).isEqualTo(2);
        assertThat(run("diagnose", PASTED_TOKEN)).isEqualTo(2);
        assertThat(err.toString()).contains("--project-number", "--gitlab-project", "Unmatched argument")
                .doesNotContain("eyJzdWIi").doesNotContain("c2lnbmF0dXJl");
    }

    @Test
    void healthyInputsPrintTheJsonContractAndExitZero() throws Exception {
        int code = run("diagnose", "--claims", resource("claims/main-protected.json").toString(),
                "--provider", resource("provider-gitlab-com.json").toString(), "--policy", resource("policy-ok.json").toString(),
                "--pool", resource("pool-active.json").toString(), "--project-number", "428617359021",
                "--now", "2026-11-25T18:01:00Z", "--format", "json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.fieldNames()).toIterable().containsExactly("verdict", "stages", "findings");
        assertThat(json.get("verdict").asText()).isEqualTo("pass");
        assertThat(json.get("stages")).hasSize(9);
        assertThat(json.get("stages").get(6).get("stage").asText()).isEqualTo("binding");
        assertThat(json.get("stages").get(6).get("status").asText()).isEqualTo("pass");
        assertThat(json.get("findings")).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void failingDiagnosisExitsOneWithFindings() throws Exception {
        Path error = file("job.log", "$ gcloud auth login --cred-file=cred.json\nERROR: (gcloud.auth.login) "
                + "{\"error\":\"invalid_grant\",\"error_description\":\"The audience in ID Token [https://GitLab.com] does not "
                + "match the expected audience.\"}\n");
        int code = run("diagnose", "--error", error.toString(), "--provider", resource("provider-gitlab-com.json").toString(),
                "--format", "json");
        assertThat(code).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("verdict").asText()).isEqualTo("fail");
        assertThat(json.get("findings").findValuesAsText("code")).contains("AUDIENCE_MISMATCH", "AUDIENCE_TYPO");
        JsonNode typo = null;
        for (JsonNode f : json.get("findings")) {
            if (f.get("code").asText().equals("AUDIENCE_TYPO")) {
                typo = f;
            }
        }
        assertThat(typo.get("message").asText()).contains("character 9");
        assertThat(typo.get("evidence").get("expected").asText()).isEqualTo("https://gitlab.com");
    }

    @Test
    void textFormatIsTheDefaultAndNeverPrintsTheToken() throws Exception {
        String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iss\":\"https://gitlab.com\",\"aud\":\"https://gitlab.com\",\"sub\":\"x\",\"exp\":1}"
                        .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVk";
        int code = run("diagnose", "--token", file("token.jwt", token + "\n").toString(),
                "--provider", resource("provider-gitlab-com.json").toString());
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).startsWith("Verdict: FAIL").contains("TOKEN_EXPIRED")
                .doesNotContain("c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVk").doesNotContain(token);
    }

    @Test
    void tokenFromStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("not-a-token".getBytes(StandardCharsets.UTF_8)));
            assertThat(run("diagnose", "--token", "-", "--format", "json")).isEqualTo(1);
            assertThat(out.toString()).contains("TOKEN_MALFORMED");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void invalidProviderJsonNamesTheFileAndPosition() throws Exception {
        Path bad = file("provider.json", "{\n  \"name\": \"projects/1/locations/global\",\n  \"oidc\": {\"issuerUri\": }\n}");
        assertThat(run("diagnose", "--provider", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--provider").contains(bad.toString()).contains("line 3, column")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void invalidPolicyShape() throws Exception {
        Path bad = file("policy.json", "{\"bindings\": {\"role\": \"x\"}}");
        assertThat(run("diagnose", "--policy", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--policy").contains("bindings must be an array");
    }

    @Test
    void badInputsExitTwoWithOneLine() throws Exception {
        Path claims = file("claims.json", "[1, 2]");
        String[][] cases = {
                {"diagnose", "--provider", dir.resolve("missing.json").toString()},
                {"diagnose", "--claims", claims.toString()},
                {"diagnose", "--now", "yesterday"},
                {"diagnose", "--project-number", "sandbox-project"},
                {"diagnose", "--format", "yaml"},
                {"diagnose", "--no-such-option"},
                {"diagnose", "--sandbox", "http://127.0.0.1:9"},
        };
        String[] reasons = {"no such file", "must be a JSON object", "not an ISO-8601 instant", "digits only", "yaml",
                "no-such-option", "only used with --gitlab-project"};
        for (int i = 0; i < cases.length; i++) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertThat(run(cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", cases[i])).contains(reasons[i]);
            assertThat(err.toString().strip().lines()).as(err.toString()).hasSize(1);
        }
    }

    @Test
    void binaryFileAsTokenIsMalformedNotACrash() throws Exception {
        byte[] bytes = new byte[2048];
        new java.util.Random(3).nextBytes(bytes);
        Path bin = Files.write(dir.resolve("token.bin"), bytes);
        assertThat(run("diagnose", "--token", bin.toString(), "--format", "json")).isEqualTo(1);
        assertThat(out.toString()).contains("TOKEN_MALFORMED");
    }

    @Test
    void nowIsUsedForExpiry() throws Exception {
        Path claims = resource("claims/main-protected.json");
        assertThat(run("diagnose", "--claims", claims.toString(), "--now", "2026-11-25T18:30:00Z")).isZero();
        assertThat(run("diagnose", "--claims", claims.toString(), "--now", "2026-11-25T22:00:00+02:00")).isEqualTo(1);
        assertThat(out.toString()).contains("TOKEN_EXPIRED");
    }
}
