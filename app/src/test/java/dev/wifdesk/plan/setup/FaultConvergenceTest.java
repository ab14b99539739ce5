package dev.wifdesk.plan.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fresh full setup (pool, provider, three accounts with their policies, project roles, GitLab
 * variables) while the Google sandbox answers 10% of all calls, reads and writes alike, with 429,
 * 500, 503 or a dropped connection: the apply converges (it succeeds, or a re-run completes it),
 * the end state equals the fault-free one (no duplicate account, binding or member), and a final
 * re-run, faults still on, plans nothing and makes no mutating call.
 */
class FaultConvergenceTest {
    private static final int MAX_RUNS = 3;
    private static final FederationSpec SPEC = SetupSandbox.spec(SetupSandbox.SPEC);
    private static SetupSnapshot faultFree;
    private static long faultFreeCalls;

    @BeforeAll
    static void faultFreeEndState() throws Exception {
        Path dir = Files.createTempDirectory("fault-free");
        try (SetupSandbox at = new SetupSandbox(dir, SandboxOptions.defaults())) {
            PlanRun run = at.apply(SPEC, at.audited());
            assertThat(run.succeeded()).as("%s", run.failure()).isTrue();
            faultFreeCalls = total(at.sandbox.google().requestCounts());
            faultFree = snapshot(at);
        }
        faultFree.assertNoDuplicates();
        assertThat(faultFree.pools()).hasSize(1);
        assertThat(faultFree.providers()).hasSize(1);
        assertThat(faultFree.accounts()).hasSize(4); // the seeded Compute Engine default one and our three
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"any=429@0.1", "any=500@0.1", "any=503@0.1", "any=drop@0.1",
            "any=429@0.03,any=500@0.03,any=503@0.02,any=drop@0.02"})
    void aFreshApplyUnderFaultsConvergesToTheFaultFreeEndState(String faults, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (SetupSandbox at = new SetupSandbox(dir, SandboxOptions.defaults().withFaults(faults))) {
            int runs = 0;
            PlanRun run;
            do {
                run = at.apply(SPEC, at.audited());
                runs++;
            } while (!run.succeeded() && runs < MAX_RUNS);
            assertThat(run.succeeded()).as("%s after %d runs: %s", faults, runs, run.failure()).isTrue();
            // the faults did fire: the retried calls came on top of what a fault-free apply needs
            assertThat(total(at.sandbox.google().requestCounts())).as("calls served under %s", faults)
                    .isGreaterThan(faultFreeCalls);

            SetupSnapshot end = snapshot(at);
            end.assertNoDuplicates();
            assertThat(end).as("end state under %s", faults).isEqualTo(faultFree);

            SetupPlan again = at.planner().plan(SPEC);
            assertThat(again.changes()).as("changes planned by a final re-run").isZero();
            AuditedChanges last = at.audited();
            assertThat(at.apply(SPEC, last).succeeded()).isTrue();
            assertThat(last.mutatingCalls()).as("mutating calls of a final re-run").isZero();
        }
    }

    private static long total(SortedMap<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static SetupSnapshot snapshot(SetupSandbox at) throws Exception {
        return SetupSnapshot.read(at.operator, at.gitlab, "sandbox-project", "428617359021", "acme/pipelines");
    }
}
