package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wifdesk plan} and {@code apply} per CLI.md against an in-process sandbox reached by its URL. */
class PlanApplyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SPEC = """
            gcp:
              project: sandbox-project
              pool: { id: gitlab-ci }
              provider:
                id: gitlab-sandbox
                issuer: %s
                audiences: [%s]
                attributeMapping: { google.subject: assertion.sub, attribute.project_path: assertion.project_path }
                attributeCondition: assertion.namespace_path == "acme"
              serviceAccount: { id: gitlab-dataflow }
              grant: [attribute.project_path/acme/pipelines]
              projectRoles: [roles/dataflow.developer, roles/dataflow.worker]
            gitlab: { url: https://gitlab.sandbox.wifdesk.test, project: acme/pipelines }
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
    void planShowsTheStepsAndApplyTwiceChangesNothingTheSecondTime() throws Exception {
        assertThat(run("plan", "--spec", spec.toString(), "--sandbox", url(), "--format", "json")).isZero();
        JsonNode plan = JSON.readTree(cli.out());
        assertThat(plan.get("changes").asInt()).isEqualTo(7);
        assertThat(plan.get("steps")).allSatisfy(s -> assertThat(s.get("status").asText()).isEqualTo("planned"));
        JsonNode pool = plan.get("steps").get(1);
        assertThat(pool.get("id").asText()).isEqualTo("pool");
        assertThat(pool.get("action").asText()).isEqualTo("create");
        assertThat(pool.get("resource").asText()).isEqualTo("projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci");
        assertThat(pool.get("diff").get("displayName").get("after").asText()).isEqualTo("gitlab-ci");
        assertThat(new AuditLog(audit).read()).isEmpty();

        assertThat(run("apply", "--spec", spec.toString(), "--sandbox", url(), "--yes", "--format", "json",
                "--audit-log", audit.toString())).as(cli.err()).isZero();
        JsonNode first = JSON.readTree(cli.out());
        assertThat(first.get("changes").asInt()).isEqualTo(7);
        assertThat(first.get("steps")).allSatisfy(s -> assertThat(s.get("status").asText()).isEqualTo("done"));
        int audited = new AuditLog(audit).read().size();
        assertThat(audited).isGreaterThanOrEqualTo(7);

        assertThat(run("apply", "--spec", spec.toString(), "--sandbox", url(), "--yes", "--format", "json",
                "--audit-log", audit.toString())).isZero();
        assertThat(JSON.readTree(cli.out()).get("changes").asInt()).isZero();
        assertThat(new AuditLog(audit).read()).hasSize(audited);
    }

    @Test
    void withoutATerminalOrYesApplyShowsThePlanChangesNothingAndExits2() {
        assertThat(run("apply", "--spec", spec.toString(), "--sandbox", url(), "--audit-log", audit.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("confirmation needed: pass --yes").contains("+ pool  create");
        assertThat(new AuditLog(audit).read()).isEmpty();
        assertThat(run("plan", "--spec", spec.toString(), "--sandbox", url(), "--format", "json")).isZero();
        assertThat(cli.out()).contains("\"changes\" : 7");
    }

    @Test
    void planCarriesTheSecurityLintOfTheDesiredState() throws Exception {
        Path broad = Files.writeString(dir.resolve("broad.yaml"),
                SPEC.replace("projectRoles: [roles/dataflow.developer, roles/dataflow.worker]", "projectRoles: [roles/editor]"));
        assertThat(run("plan", "--spec", broad.toString(), "--sandbox", url(), "--format", "json")).isZero();
        JsonNode findings = JSON.readTree(cli.out()).get("findings");
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("code").asText()).isEqualTo("LINT_BROAD_ROLE");
            assertThat(f.get("severity").asText()).isEqualTo("warning");
            assertThat(f.get("fix").asText()).contains("roles/dataflow.developer");
        });
        assertThat(run("plan", "--spec", spec.toString(), "--sandbox", url(), "--format", "json")).isZero();
        assertThat(JSON.readTree(cli.out()).get("findings")).noneMatch(f -> f.get("code").asText().equals("LINT_BROAD_ROLE"));
    }

    @Test
    void anInvalidSpecExits2NamingTheFieldAndTheRule() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), SPEC.replace("id: gitlab-ci }", "id: GitLab_CI }"));
        assertThat(run("plan", "--spec", bad.toString(), "--sandbox", url())).isEqualTo(2);
        assertThat(cli.err()).contains("gcp.pool.id").contains("GitLab_CI");
        assertThat(run("apply", "--spec", dir.resolve("missing.yaml").toString(), "--sandbox", url(), "--yes")).isEqualTo(2);
        assertThat(cli.err()).contains("missing.yaml");
    }
}
