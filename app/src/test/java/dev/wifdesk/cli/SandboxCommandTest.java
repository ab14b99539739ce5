package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCommandTest {

    @Test
    void badOptionValuesExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertBadInput("--port must be between 0 and 65535", "sandbox", "serve", "--port", "-1");
        assertBadInput("--port", "sandbox", "serve", "--port", "abc");
        assertBadInput("--latency-ms must not be negative", "sandbox", "serve", "--latency-ms", "-5");
        assertBadInput("--lro-delay-ms must not be negative", "sandbox", "serve", "--lro-delay-ms", "-5");
        assertBadInput("--iam-propagation-ms must not be negative", "sandbox", "serve", "--iam-propagation-ms", "-1");
        assertBadInput("--iam-propagation-ms", "sandbox", "serve", "--iam-propagation-ms", "soon");
        assertBadInput("--state-dir must be a directory", "sandbox", "serve", "--state-dir", file.toString());
        assertBadInput("Unknown option", "sandbox", "serve", "--bogus");
    }

    @Test
    void damagedStateDirIsBadInputNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("google-sandbox.json"), "{\"pools\": [not json");
        assertBadInput("--state-dir: cannot read the sandbox state " + dir.resolve("google-sandbox.json"),
                "sandbox", "serve", "--state-dir", dir.toString());
    }

    @Test
    void damagedGitLabSigningKeyIsBadInputNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gitlab-signing-key.json"), "{\"kty\":\"RSA\"}");
        assertBadInput("--state-dir: " + dir.resolve("gitlab-signing-key.json") + " is not an RSA JWK",
                "sandbox", "serve", "--state-dir", dir.toString());
    }

    @Test
    void unparsableFaultSpecIsBadInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WifdeskCommand.run(new PrintWriter(out), new PrintWriter(err), "sandbox", "serve", "--faults", "%%%");
        assertThat(code).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("wifdesk: ");
        assertThat(out.toString()).isEmpty();
    }

    private static void assertBadInput(String expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WifdeskCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(String.join(" ", args)).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").contains(expected);
        assertThat(out.toString()).isEmpty();
    }
}
