package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wifdesk verify} per CLI.md against an in-process sandbox reached by its URL: JSON, exit codes, bad input. */
class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            gcp:
              project: sandbox-project
              pool: { id: gitlab-ci }
              provider:
                id: gitlab-sandbox
                issuer: %s
                audiences: [%s]
                attributeMapping: { google.subject: assertion.sub, attribute.project_path: assertion.project_path,
                                    attribute.namespace_path: assertion.namespace_path }
                attributeCondition: assertion.namespace_path == "acme" && assertion.ref_protected == "true"
              serviceAccount: { id: gitlab-dataflow }
              grant: [attribute.project_path/acme/pipelines]
              projectRoles: [roles/dataflow.developer, roles/dataflow.worker]
            gitlab: { url: https://gitlab.sandbox.wifdesk.test, project: acme/pipelines, verificationJob: commit }
            dataflow:
              region: europe-west1
              template: gs://dataflow-templates-europe-west1/latest/Word_Count
              parameters: { inputFile: gs://dataflow-samples/shakespeare/kinglear.txt, output: gs://acme-tmp/wifdesk/out }
              tempLocation: gs://acme-tmp/wifdesk/tmp
            """.formatted(GitLabSandbox.ISSUER, GitLabSandbox.ISSUER);

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Path spec;
    private Path audit;
    private final InProcessCli cli = new InProcessCli();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        audit = dir.resolve("audit.jsonl");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private String url() {
        return sandbox.google().baseUrl().toString();
    }

    @Test
    void aCorrectSetupExitsZeroAndTheJsonListsEveryCheckAsCliMdSays() throws Exception {
        assertThat(run("apply", "--spec", spec.toString(), "--sandbox", url(), "--yes", "--audit-log", audit.toString()))
                .as(cli.err()).isZero();

        int code = run("verify", "--spec", spec.toString(), "--sandbox", url(), "--launch", "validate", "--format", "json",
                "--audit-log", audit.toString());
        assertThat(code).as(cli.out() + "\n" + cli.err()).isZero();
        JsonNode report = JSON.readTree(cli.out());
        assertThat(report.get("verdict").asText()).isEqualTo("pass");
        assertThat(fieldNames(report)).containsExactly("verdict", "checks", "dataflowJob", "findings");
        assertThat(report.get("dataflowJob").isNull()).isTrue();
        assertThat(report.get("findings")).isEmpty();
        assertThat(report.get("checks")).hasSize(15);
        for (JsonNode c : report.get("checks")) {
            assertThat(fieldNames(c)).containsExactly("layer", "name", "status", "detail");
            assertThat(c.get("status").asText()).isEqualTo("pass");
            assertThat(Set.of("preflight", "launch")).contains(c.get("layer").asText());
        }
        assertThat(report.get("checks").get(2).get("name").asText()).isEqualTo("dataflow-worker-role");
        assertThat(report.get("checks").get(14).get("name").asText()).isEqualTo("templates-launch-validate");
    }

    @Test
    void aWorkerWithoutItsRoleExitsOneWithTheFindingAndItsGcloudFix() throws Exception {
        assertThat(run("apply", "--spec", spec.toString(), "--sandbox", url(), "--yes", "--audit-log", audit.toString()))
                .isZero();
        GoogleClients operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                sandbox.google().operatorEmail()));
        var crm = operator.resourceManager().projects();
        var policy = crm.getIamPolicy("projects/sandbox-project",
                new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute();
        policy.getBindings().removeIf(b -> b.getRole().equals("roles/dataflow.worker"));
        crm.setIamPolicy("projects/sandbox-project", new SetIamPolicyRequest().setPolicy(policy)).execute();

        assertThat(run("verify", "--spec", spec.toString(), "--sandbox", url(), "--format", "json", "--audit-log",
                audit.toString())).isEqualTo(1);
        JsonNode report = JSON.readTree(cli.out());
        assertThat(report.get("verdict").asText()).isEqualTo("fail");
        JsonNode worker = report.get("checks").get(2);
        assertThat(worker.get("name").asText()).isEqualTo("dataflow-worker-role");
        assertThat(worker.get("status").asText()).isEqualTo("fail");
        assertThat(worker.get("fixSteps").get(0).asText()).isEqualTo("project-roles");
        JsonNode finding = report.get("findings").get(0);
        assertThat(finding.get("code").asText()).isEqualTo("DATAFLOW_WORKER_ROLE_MISSING");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("fix").asText()).isEqualTo("gcloud projects add-iam-policy-binding sandbox-project"
                + " --member=serviceAccount:gitlab-dataflow@sandbox-project.iam.gserviceaccount.com --role=roles/dataflow.worker"
                + " --condition=None");

        assertThat(run("verify", "--spec", spec.toString(), "--sandbox", url(), "--audit-log", audit.toString())).isEqualTo(1);
        assertThat(cli.out()).contains("[FAIL] dataflow-worker-role").contains("verdict: fail")
                .contains("'wifdesk apply --spec FILE' applies the setup steps that fix this: project-roles");
    }

    @Test
    void launchRunFollowsThePipelineAndPrintsTheDataflowJob() throws Exception {
        assertThat(run("apply", "--spec", spec.toString(), "--sandbox", url(), "--yes", "--audit-log", audit.toString()))
                .isZero();
        int code = run("verify", "--spec", spec.toString(), "--sandbox", url(), "--launch", "run", "--format", "json",
                "--audit-log", audit.toString());
        assertThat(code).as(cli.out() + "\n" + cli.err()).isZero();
        JsonNode report = JSON.readTree(cli.out());
        JsonNode job = report.get("dataflowJob");
        assertThat(job.get("state").asText()).isEqualTo("JOB_STATE_DONE");
        assertThat(job.get("id").asText()).isNotBlank();
        assertThat(job.get("consoleUrl").asText()).startsWith("https://console.cloud.google.com/dataflow/jobs/europe-west1/");
        java.util.List<String> layers = new ArrayList<>();
        report.get("checks").forEach(c -> layers.add(c.get("layer").asText() + " " + c.get("name").asText()));
        assertThat(layers).endsWith("launch templates-launch-validate", "pipeline pipeline", "pipeline ci-job",
                "pipeline dataflow-job");
        assertThat(cli.out()).doesNotContain(sandbox.gitlab().token());
    }

    @Test
    void anUnknownLaunchModeIsBadInput() {
        assertThat(run("verify", "--spec", spec.toString(), "--sandbox", url(), "--launch", "later")).isEqualTo(2);
        assertThat(cli.err()).contains("--launch 'later': must be none, validate or run").doesNotContain("Exception");
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
