package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SetupStart}: the spec's checks run while the connections open and the project is read on
 * another thread. What must not change for that: a spec breaking a rule is bad input (exit 2, the
 * field and the rule) whether the sandbox answers or not, and makes no change; a sandbox that cannot
 * be reached with a valid spec is still named; a project Google refuses is still Google's error (exit 1).
 */
class SetupStartTest {
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Path audit;
    private final InProcessCli cli = new InProcessCli();

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withLatencyMs(20));
        audit = dir.resolve("audit.jsonl");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private Path spec(String text) throws Exception {
        return Files.writeString(dir.resolve("spec.yaml"), text);
    }

    @Test
    void aConditionThatIsNotCelIsBadInputEvenWithTheSandboxUpAndChangesNothing() throws Exception {
        // structurally fine (so the project read starts), broken only by the CEL check
        Path broken = spec(PlanApplyCommandTest.SPEC.replace("attributeCondition: assertion.namespace_path == \"acme\"",
                "attributeCondition: assertion.namespace_path == "));
        SortedMap<String, Long> before = sandbox.google().requestCounts();
        for (String command : new String[] {"plan", "apply"}) {
            int code = command.equals("plan")
                    ? run("plan", "--spec", broken.toString(), "--sandbox", sandbox.google().baseUrl().toString())
                    : run("apply", "--spec", broken.toString(), "--sandbox", sandbox.google().baseUrl().toString(), "--yes",
                            "--audit-log", audit.toString());
            assertThat(code).as("%s: %s", command, cli.err()).isEqualTo(2);
            assertThat(cli.err()).contains("--spec " + broken).contains("gcp.provider.attributeCondition")
                    .contains("(rule: ").doesNotContain("Exception");
            assertThat(cli.err().strip().lines()).as("one line").hasSize(1);
            assertThat(cli.out()).isEmpty();
        }
        assertThat(new AuditLog(audit).read()).isEmpty();
        Map<String, Long> calls = minus(sandbox.google().requestCounts(), before);
        // the plan's reads start beside the checks: policy reads (getIamPolicy is a POST) may have happened too
        assertThat(calls.keySet()).as("reads at most: %s", calls)
                .allMatch(k -> k.startsWith("GET ") || k.startsWith("POST ") && k.endsWith(":getIamPolicy"));
    }

    @Test
    void aValidSpecWithASandboxThatDoesNotAnswerNamesTheSandbox() throws Exception {
        Path valid = spec(PlanApplyCommandTest.SPEC);
        assertThat(run("plan", "--spec", valid.toString(), "--sandbox", "http://127.0.0.1:9")).isEqualTo(2);
        assertThat(cli.err()).contains("cannot reach the sandbox at http://127.0.0.1:9")
                .contains("wifdesk sandbox serve").doesNotContain("\tat ");
    }

    @Test
    void aProjectGoogleDoesNotKnowIsGooglesErrorAfterTheChecks() throws Exception {
        Path other = spec(PlanApplyCommandTest.SPEC.replace("project: sandbox-project", "project: no-such-project"));
        int code = run("plan", "--spec", other.toString(), "--sandbox", sandbox.google().baseUrl().toString());
        assertThat(code).as(cli.err()).isEqualTo(1);
        // Google's answer for a project the caller cannot see (WIRE-FORMATS.md), as before the overlap
        assertThat(cli.err().strip()).isEqualTo("wifdesk: 403 The caller does not have permission");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void theStatesReadsGoOutBesideTheProjectsNotAfterIt() throws Exception {
        // a project the operator cannot see: only its own read would go out if the others waited for its number
        Path other = spec(PlanApplyCommandTest.SPEC.replace("project: sandbox-project", "project: no-such-project"));
        SortedMap<String, Long> before = sandbox.google().requestCounts();
        assertThat(run("plan", "--spec", other.toString(), "--sandbox", sandbox.google().baseUrl().toString())).isEqualTo(1);
        assertThat(cli.err().strip()).isEqualTo("wifdesk: 403 The caller does not have permission");
        String pool = "GET iam.googleapis.com/v1/projects/*/locations/*/workloadIdentityPools/*";
        String services = "GET serviceusage.googleapis.com/v1/projects/*/services:batchGet";
        String account = "GET iam.googleapis.com/v1/projects/*/serviceAccounts/*";
        long deadline = System.nanoTime() + 10_000_000_000L; // the reads may still be in flight when plan returns
        Map<String, Long> calls = minus(sandbox.google().requestCounts(), before);
        while (!calls.keySet().containsAll(java.util.List.of(pool, services, account)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            calls = minus(sandbox.google().requestCounts(), before);
        }
        assertThat(calls).as("the plan's first reads").containsKeys(pool, services, account,
                "GET cloudresourcemanager.googleapis.com/v3/projects/*");
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((k, v) -> {
            if (v - before.getOrDefault(k, 0L) > 0) {
                diff.put(k, v - before.getOrDefault(k, 0L));
            }
        });
        return diff;
    }
}
