package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.rotate.PoolIds;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wifdesk rotate} per CLI.md against an in-process sandbox reached by its URL. */
class RotateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Path spec;
    private Path audit;
    private final InProcessCli cli = new InProcessCli();
    private final String newPool = PoolIds.next("gitlab-ci", Instant.now(), Set.of());

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        spec = Files.writeString(dir.resolve("spec.yaml"), PlanApplyCommandTest.SPEC);
        audit = dir.resolve("audit.jsonl");
        assertThat(run("apply", "--spec", spec.toString(), "--sandbox", url(), "--yes", "--audit-log", audit.toString()))
                .as(cli.err()).isZero();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private int rotate(String... more) {
        // this spec launches nothing (no dataflow: section): the verification after a phase is tested below
        String[] args = new String[more.length + 8];
        System.arraycopy(new String[] {"rotate", "--spec", spec.toString(), "--sandbox", url(), "--audit-log",
                audit.toString(), "--no-verify"}, 0, args, 0, 8);
        System.arraycopy(more, 0, args, 8, more.length);
        return run(args);
    }

    private String url() {
        return sandbox.google().baseUrl().toString();
    }

    @Test
    void withoutATerminalOrYesAPhaseShowsItsPlanChangesNothingAndExits2() {
        int audited = new AuditLog(audit).read().size();
        assertThat(rotate("--phase", "prepare")).isEqualTo(2);
        assertThat(cli.err()).contains("Rotation, phase prepare: gitlab-ci -> " + newPool)
                .contains("+ pool  create").contains("confirmation needed: pass --yes");
        assertThat(new AuditLog(audit).read()).hasSize(audited);
    }

    @Test
    void eachPhaseVerifiesThePathItLeavesLiveSwitchAndRollbackWithAPipeline() throws Exception {
        Path full = Files.writeString(dir.resolve("full.yaml"), dev.wifdesk.plan.setup.SetupSandbox.SPEC
                .replace("  ref: main\n", "  ref: main\n  verificationJob: commit\n"));
        Path fullAudit = dir.resolve("full-audit.jsonl");
        try (Sandbox fresh = Sandbox.start(SandboxOptions.defaults())) {
            String url = fresh.google().baseUrl().toString();
            assertThat(run("apply", "--spec", full.toString(), "--sandbox", url, "--yes", "--audit-log",
                    fullAudit.toString())).as(cli.err()).isZero();
            String[] base = {"rotate", "--spec", full.toString(), "--sandbox", url, "--audit-log", fullAudit.toString(),
                    "--yes", "--format", "json", "--phase"};

            assertThat(run(concat(base, "prepare"))).as(cli.out()).isZero();
            JsonNode prepare = JSON.readTree(cli.out());
            assertThat(prepare.at("/verification/verdict").asText()).isEqualTo("pass");
            assertThat(prepare.get("verification").get("checks"))
                    .anyMatch(c -> c.get("layer").asText().equals("launch") && c.get("status").asText().equals("pass"));
            assertThat(prepare.get("pipeline").isNull()).isTrue();

            assertThat(run(concat(base, "switch"))).as(cli.out()).isZero();
            JsonNode sw = JSON.readTree(cli.out());
            assertThat(sw.at("/pipeline/status").asText()).isEqualTo("success");
            assertThat(sw.at("/pipeline/id").asLong()).isPositive();
            assertThat(sw.at("/verification/dataflowJob/state").asText()).isEqualTo("JOB_STATE_DONE");

            assertThat(run(concat(base, "rollback"))).as(cli.out()).isZero();
            JsonNode back = JSON.readTree(cli.out());
            assertThat(back.at("/pipeline/status").asText()).isEqualTo("success");
            assertThat(back.at("/pipeline/id").asLong()).isGreaterThan(sw.at("/pipeline/id").asLong());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aWholeRotationPrintsCliMdJsonAndARerunOfAPhaseChangesNothing() throws Exception {
        assertThat(rotate("--phase", "prepare", "--yes", "--format", "json")).as(cli.err()).isZero();
        JsonNode prepare = JSON.readTree(cli.out());
        assertThat(prepare.get("phase").asText()).isEqualTo("prepare");
        assertThat(prepare.get("oldPool").asText()).isEqualTo("gitlab-ci");
        assertThat(prepare.get("newPool").asText()).isEqualTo(newPool);
        assertThat(prepare.get("steps")).anySatisfy(s -> {
            assertThat(s.get("id").asText()).isEqualTo("pool");
            assertThat(s.get("action").asText()).isEqualTo("create");
            assertThat(s.get("status").asText()).isEqualTo("done");
        });
        assertThat(prepare.has("pipeline")).isTrue();
        assertThat(prepare.get("pipeline").isNull()).isTrue();
        assertThat(rotate("--phase", "prepare", "--yes", "--format", "json")).isZero();
        assertThat(JSON.readTree(cli.out()).get("changes").asInt()).isZero();

        assertThat(rotate("--phase", "retire", "--yes")).isEqualTo(2);
        assertThat(cli.err()).contains("rotate --phase retire: ").contains("run --phase switch first");

        assertThat(rotate("--phase", "switch", "--yes", "--format", "json")).as(cli.err()).isZero();
        assertThat(JSON.readTree(cli.out()).get("steps").get(0).get("id").asText()).isEqualTo("gitlab-variables");
        assertThat(rotate("--phase", "retire", "--yes")).isEqualTo(2);
        assertThat(cli.err()).contains("grace period runs until").contains("--grace-period-days");
        assertThat(rotate("--phase", "retire", "--yes", "--grace-period-days", "0", "--format", "json"))
                .as(cli.err()).isZero();
        JsonNode retire = JSON.readTree(cli.out());
        assertThat(retire.get("steps")).anySatisfy(s -> {
            assertThat(s.get("id").asText()).isEqualTo("delete-pool");
            assertThat(s.get("action").asText()).isEqualTo("delete");
            assertThat(s.get("diff").get("purgeTime").get("after").asText()).isNotEmpty();
        });

        assertThat(rotate("--status", "--format", "json")).as(cli.err()).isZero();
        JsonNode pools = JSON.readTree(cli.out()).get("pools");
        assertThat(pools).anySatisfy(p -> {
            assertThat(p.get("id").asText()).isEqualTo("gitlab-ci");
            assertThat(p.get("state").asText()).isEqualTo("DELETED");
            assertThat(p.get("purgeTime").asText()).isNotEmpty();
        });
        assertThat(pools).anySatisfy(p -> {
            assertThat(p.get("id").asText()).isEqualTo(newPool);
            assertThat(p.get("rotatedFrom").asText()).isEqualTo("gitlab-ci");
            assertThat(p.get("overdue").asBoolean()).isFalse();
            assertThat(p.get("pointedAtBy").get(0).asText()).isEqualTo("acme/pipelines WIF_PROVIDER [*]");
        });
        assertThat(rotate("--status")).isZero();
        assertThat(cli.out()).contains(newPool + "  ACTIVE").contains("used by: acme/pipelines WIF_PROVIDER [*]");
    }

    @Test
    void badOptionsExit2WithAOneLineReason() {
        assertThat(rotate("--phase", "rotate-now")).isEqualTo(2);
        assertThat(cli.err()).contains("'rotate-now' is not a phase (rule: prepare, switch, rollback or retire)");
        assertThat(rotate("--phase", "prepare", "--status")).isEqualTo(2);
        assertThat(cli.err()).contains("give exactly one of them");
        assertThat(rotate("--phase", "switch", "--new-pool-id", "other-pool")).isEqualTo(2);
        assertThat(cli.err()).contains("--new-pool-id: only --phase prepare");
        assertThat(rotate("--phase", "prepare", "--yes", "--new-pool-id", "Bad_Id")).isEqualTo(2);
        assertThat(cli.err()).contains("--new-pool-id: \"Bad_Id\"").doesNotContain("\tat ");
    }
}
