package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.SandboxInfo;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.plan.Reads;
import dev.wifdesk.plan.setup.SetupSnapshot;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gitlab4j.api.GitLabApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code wifdesk apply} (the packaged launcher, a separate process) at every
 * step boundary and while a pool or provider operation is pending, against {@code wifdesk sandbox
 * serve --state-dir D --lro-delay-ms 300} (another process, kept for the whole test). Each kill
 * point has its own pool, provider and account ids. After each kill a re-run completes the setup,
 * a final apply (the same CLI, in this JVM) reports {@code "changes": 0}, and in the end every id set
 * holds exactly what the uninterrupted apply of set k00 made: no duplicate pool, provider, account,
 * binding, member or variable. Each set's GitLab variables live in their own environment scope; the
 * verification job's merge request (one branch for all sets) is left out ({@code verificationJob: none}).
 * The serve has {@code --latency-ms 20} so the audit entries (one per finished mutating call) come
 * far enough apart for the watcher to kill between them.
 */
class ApplyKillRerunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 90;
    private static final String SPEC = """
            gcp:
              project: sandbox-project
              pool: { id: pool-%1$s, displayName: Kill %1$s }
              provider:
                id: prov-%1$s
                issuer: %2$s
                audiences: [%2$s]
                attributeMapping: { google.subject: assertion.sub, attribute.project_path: assertion.project_path }
                attributeCondition: assertion.namespace_path == "acme"
              serviceAccount: { id: sa-%1$s-dataflow }
              grant: [attribute.project_path/acme/pipelines]
              projectRoles: [roles/dataflow.developer, roles/dataflow.worker]
            gitlab:
              url: https://gitlab.sandbox.wifdesk.test
              project: acme/pipelines
              variables: { protected: false, environmentScope: env-%1$s }
              verificationJob: none
            """;

    @TempDir
    Path dir;

    private String url;
    private GoogleClients google;

    @Test
    void anApplyKilledAtAnyPointReRunsToTheSameEndStateWithoutDuplicates() throws Exception {
        Process serve = new ProcessBuilder(LauncherProcess.launcherScript().toString(), "sandbox", "serve", "--port", "0",
                "--state-dir", Files.createDirectories(dir.resolve("state")).toString(), "--lro-delay-ms", "300",
                "--latency-ms", "20").redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            SandboxInfo info = SandboxInfo.parse(firstLine(serve));
            url = info.google();
            google = new GoogleClients(Target.sandbox(URI.create(info.google()), info.operatorToken(), "operator"));

            // the reference: set k00 applied without interruption; its audit entries are the step boundaries
            Path referenceAudit = dir.resolve("audit-k00.jsonl");
            assertThat(apply("k00", referenceAudit, false).exitCode()).isZero();
            int entries = lines(referenceAudit);
            assertThat(entries).as("pool, provider, account, its policy, project roles and 4 variables").isEqualTo(9);

            List<String> sets = new ArrayList<>(List.of("k00"));
            for (int k = 1; k <= entries - 1; k++) {
                String set = String.format("k%02d", k);
                int kk = k;
                killAndReRun(set, () -> lines(dir.resolve("audit-" + set + ".jsonl")) >= kk);
                sets.add(set);
            }
            // mid-operation: the create was sent (the resource exists) but its operation is still pending
            String pool = "k90";
            killAndReRun(pool, () -> exists(poolName(pool)) && !audited(pool, "iam.workloadIdentityPools.create"));
            sets.add(pool);
            String provider = "k91";
            killAndReRun(provider, () -> exists(poolName(provider) + "/providers/prov-" + provider)
                    && !audited(provider, "iam.workloadIdentityPools.providers.create"));
            sets.add(provider);

            SetupSnapshot end;
            try (GitLabApi gitlab = new GitLabApi(info.gitlab(), info.gitlabToken())) {
                end = SetupSnapshot.read(google, gitlab, info.project(), info.projectNumber(), info.gitlabProject());
            }
            end.assertNoDuplicates();
            List<String> reference = of(end, "k00");
            assertThat(reference).as("the uninterrupted setup").hasSizeGreaterThan(8);
            for (String set : sets) {
                assertThat(of(end, set)).as("id set %s against the uninterrupted one", set).isEqualTo(reference);
            }
        } finally {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts an apply of {@code set}, SIGKILLs it once {@code killWhen} holds, re-runs it, then checks a last apply changes nothing. */
    private void killAndReRun(String set, BooleanSupplier killWhen) throws Exception {
        Path audit = dir.resolve("audit-" + set + ".jsonl");
        Process apply = start(set, audit);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!killWhen.getAsBoolean()) {
            assertThat(apply.isAlive()).as("set %s: the apply ended before its kill point (%d audit entries)", set,
                    lines(audit)).isTrue();
            assertThat(System.nanoTime()).as("set %s: kill point reached in time", set).isLessThan(deadline);
            Thread.sleep(2);
        }
        apply.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
        assertThat(apply.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(apply.exitValue()).as("set %s: killed by SIGKILL", set).isEqualTo(137);
        int atKill = lines(audit);

        LauncherProcess.Run rerun = apply(set, audit, true);
        assertThat(rerun.exitCode()).as("set %s re-run after a kill at %d entries: %s", set, atKill, rerun.err()).isZero();
        // the final apply runs the same CLI in this JVM: a third launcher start per kill point is only start-up time
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int last = WifdeskCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                applyArgs(set, dir.resolve("audit-" + set + "-last.jsonl"), true).toArray(String[]::new));
        assertThat(last).as(err.toString()).isZero();
        assertThat(JSON.readTree(out.toString()).get("changes").asInt()).as("set %s: a final apply", set).isZero();
        assertThat(lines(dir.resolve("audit-" + set + "-last.jsonl"))).as("set %s: mutating calls of a final apply", set)
                .isZero();
    }

    private Process start(String set, Path audit) throws IOException {
        return new ProcessBuilder(launcher(applyArgs(set, audit, false))).directory(LauncherProcess.TARGET.toFile())
                .redirectOutput(dir.resolve("apply-" + set + ".out").toFile())
                .redirectError(dir.resolve("apply-" + set + ".err").toFile()).start();
    }

    private LauncherProcess.Run apply(String set, Path audit, boolean json) throws Exception {
        return LauncherProcess.exec(launcher(applyArgs(set, audit, json)), TIMEOUT_SECONDS, env -> { });
    }

    private static List<String> launcher(List<String> args) {
        List<String> command = new ArrayList<>(List.of(LauncherProcess.launcherScript().toString()));
        command.addAll(args);
        return command;
    }

    /** {@code apply --spec F --sandbox URL --yes --audit-log A [--format json]} for id set {@code set}. */
    private List<String> applyArgs(String set, Path audit, boolean json) throws IOException {
        Path spec = dir.resolve("spec-" + set + ".yaml");
        if (!Files.exists(spec)) {
            Files.writeString(spec, SPEC.formatted(set, GitLabSandbox.ISSUER));
        }
        List<String> args = new ArrayList<>(List.of("apply", "--spec", spec.toString(), "--sandbox", url, "--yes",
                "--audit-log", audit.toString()));
        if (json) {
            args.addAll(List.of("--format", "json"));
        }
        return args;
    }

    /** The snapshot's lines that name id set {@code set}, with the set's tag written as k00. */
    private static List<String> of(SetupSnapshot s, String set) {
        List<String> out = new ArrayList<>();
        s.pools().forEach(out::add);
        s.providers().forEach(out::add);
        s.accounts().forEach(out::add);
        s.variables().forEach(out::add);
        s.policies().forEach((resource, roles) -> roles.forEach((role, members) ->
                members.forEach(m -> out.add(resource + " " + role + " " + m))));
        return out.stream().filter(l -> l.contains(set)).map(l -> l.replace(set, "k00")).sorted().toList();
    }

    private static String poolName(String set) {
        return "projects/428617359021/locations/global/workloadIdentityPools/pool-" + set;
    }

    private boolean exists(String name) {
        try {
            var pools = google.iam().projects().locations().workloadIdentityPools();
            return Reads.find(() -> name.contains("/providers/") ? pools.providers().get(name).execute()
                    : pools.get(name).execute()) != null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean audited(String set, String call) {
        try {
            Path audit = dir.resolve("audit-" + set + ".jsonl");
            return Files.exists(audit) && Files.readString(audit).contains("\"" + call + "\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Complete lines (a kill can leave half a line: it does not count). */
    private static int lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            String text = Files.readString(file);
            return (int) text.chars().filter(c -> c == '\n').count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstLine(Process serve) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("the serve JSON line").isNotNull().startsWith("{");
        return line;
    }
}
