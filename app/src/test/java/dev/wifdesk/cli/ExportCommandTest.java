package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.export.ExampleSpecs;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code wifdesk export} run in-process: targets, bad input (exit 2 naming field and rule), --out, the number lookup. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Sandbox sandbox;
    private StringWriter out;
    private StringWriter err;
    @TempDir
    Path dir;
    private Path specFile;

    @BeforeAll
    void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterAll
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        out = new StringWriter();
        err = new StringWriter();
        specFile = Files.writeString(dir.resolve("spec.yaml"), ExampleSpecs.exampleYaml());
    }

    private int run(String... args) {
        return WifdeskCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The command alone, with no Application Default Credentials to find. */
    private int runWithoutAdc(String... args) {
        CommandLine cli = new CommandLine(new ExportCommand(() -> {
            throw new IOException("The Application Default Credentials are not available.");
        }));
        cli.setParameterExceptionHandler(new OneLineParameterErrors());
        cli.setExecutionExceptionHandler(new OneLineExecutionErrors());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void gcloudAndTerraformNeedNoNumberAndCarryTheSpecsValues() {
        assertThat(run("export", "--spec", specFile.toString(), "--to", "gcloud")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("#!/usr/bin/env bash\n").contains("set -euo pipefail")
                .contains("gcloud iam workload-identity-pools providers create-oidc gitlab-com");
        out.getBuffer().setLength(0);
        assertThat(run("export", "--spec", specFile.toString(), "--to", "terraform")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("resource \"google_iam_workload_identity_pool_provider\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anInvalidSpecExitsTwoNamingEachFieldAndRule() throws IOException {
        Files.writeString(specFile, ExampleSpecs.exampleWith("id: gitlab-ci,", "id: gcp-ci,",
                "serviceAccount: { id: gitlab-dataflow, create: true }", "serviceAccount: { id: x, create: true }"));
        assertThat(run("export", "--spec", specFile.toString(), "--to", "gcloud")).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        String e = err.toString();
        assertThat(e.lines()).hasSize(1);
        assertThat(e).contains("gcp.pool.id: \"gcp-ci\"").contains("gcp.serviceAccount.id").contains("(rule: ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void gitlabCiPrintsTheVerificationJobApplyCommitsAndAnUnknownTargetIsRefused() throws Exception {
        assertThat(run("export", "--spec", specFile.toString(), "--to", "gitlab-ci")).isZero();
        String file = out.toString();
        assertThat(dev.wifdesk.export.GitLabCiSchema.validate(file)).isEmpty();
        var jobs = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(file);
        assertThat(jobs.fieldNames()).toIterable().contains("stages", "wif-verify-production", "wif-verify-staging");
        assertThat(jobs.at("/wif-verify-production/environment").asText()).isEqualTo("production");
        assertThat(jobs.at("/wif-verify-production/id_tokens/GITLAB_OIDC_TOKEN/aud").asText()).isEqualTo("$WIF_ID_TOKEN_AUD");
        assertThat(run("export", "--spec", specFile.toString(), "--to", "pulumi")).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--to 'pulumi' must be one of gcloud, terraform, gitlab-ci, cred-config");
    }

    @Test
    void credConfigTakesTheGivenNumberOrRefusesWithoutAWayToGetIt() throws Exception {
        assertThat(run("export", "--spec", specFile.toString(), "--to", "cred-config", "--project-number", "123456789012",
                "--environment", "staging")).as(err.toString()).isZero();
        JsonNode c = JSON.readTree(out.toString());
        assertThat(c.get("audience").asText()).contains("/projects/123456789012/locations/global/workloadIdentityPools/gitlab-ci/");
        assertThat(c.get("service_account_impersonation_url").asText()).contains("gitlab-dataflow-stg@");

        assertThat(runWithoutAdc("--spec", specFile.toString(), "--to", "cred-config")).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--project-number N").contains("application-default login");
        assertThat(run("export", "--spec", specFile.toString(), "--to", "cred-config", "--project-number", "acme-data-prod"))
                .isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(run("export", "--spec", specFile.toString(), "--to", "gcloud", "--project-number", "1"))
                .isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("--project-number only apply to --to cred-config");
    }

    @Test
    void credConfigLooksTheNumberUpOnTheSandbox() throws Exception {
        Files.writeString(specFile, ExampleSpecs.exampleWith("project: acme-data-prod", "project: " + sandbox.info().project()));
        assertThat(run("export", "--spec", specFile.toString(), "--to", "cred-config", "--sandbox",
                sandbox.google().baseUrl().toString())).as(err.toString()).isZero();
        assertThat(JSON.readTree(out.toString()).get("audience").asText())
                .startsWith("//iam.googleapis.com/projects/" + sandbox.info().projectNumber() + "/locations/global/");

        Files.writeString(specFile, ExampleSpecs.exampleWith("project: acme-data-prod", "project: no-such-project"));
        assertThat(run("export", "--spec", specFile.toString(), "--to", "cred-config", "--sandbox",
                sandbox.google().baseUrl().toString())).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("cannot look up the number of project 'no-such-project'").contains("--project-number");
    }

    @Test
    void outReplacesAFileInOneStepAndNeverADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("setup.sh"), "old");
        assertThat(run("export", "--spec", specFile.toString(), "--to", "gcloud", "--out", file.toString())).isZero();
        assertThat(Files.readString(file)).startsWith("#!/usr/bin/env bash");
        assertThat(Files.isExecutable(file)).isTrue();
        assertThat(out.toString()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("spec.yaml", "setup.sh");
        }

        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThat(run("export", "--spec", specFile.toString(), "--to", "gcloud", "--out", sub.toString()))
                .isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("is a directory");
        try (var inSub = Files.list(sub)) {
            assertThat(inSub).isEmpty();
        }
    }
}
