package dev.wifdesk.plan.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.GitLabVariables;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab variables of a setup with environments (two dozen) are written a few at a time:
 * against a GitLab that takes 200 ms per call, all of them land, each once, in less time than
 * one after the other could ever take.
 */
class SetupVariablesTest {
    private static final long LATENCY_MS = 200;

    @Test
    void twoDozenVariablesAreWrittenSideBySideEachOnce(@TempDir Path dir) throws Exception {
        try (SetupSandbox at = new SetupSandbox(dir, SandboxOptions.defaults().withLatencyMs(LATENCY_MS))) {
            List<GitLabVariables.Wanted> wanted = GitLabSteps.wanted(new SetupValues(SetupSandbox.spec(SetupSandbox.SPEC),
                    "428617359021"));
            assertThat(wanted).hasSize(24);
            AuditedChanges audited = at.audited();
            ChangeContext context = new ChangeContext(at.operator, Optional.of(at.gitlab), audited);

            long start = System.nanoTime();
            assertThat(GitLabVariables.ensure(context, "acme/pipelines", wanted)).isEqualTo(Outcome.CREATED);
            long millis = (System.nanoTime() - start) / 1_000_000;
            // one after the other, the writes alone sleep 24 x 200 ms in the sandbox
            assertThat(millis).as("wall time of the writes").isLessThan(wanted.size() * LATENCY_MS);
            assertThat(audited.mutatingCalls()).isEqualTo(24);

            List<Variable> held = at.gitlab.getProjectApi().getVariables("acme/pipelines");
            assertThat(held).extracting(v -> v.getKey() + " [" + v.getEnvironmentScope() + "]=" + v.getValue())
                    .containsExactlyInAnyOrderElementsOf(wanted.stream()
                            .map(w -> w.key() + " [" + w.scope() + "]=" + w.value()).toList());

            AuditedChanges again = at.audited();
            assertThat(GitLabVariables.ensure(new ChangeContext(at.operator, Optional.of(at.gitlab), again),
                    "acme/pipelines", wanted)).isEqualTo(Outcome.ALREADY_EXISTS);
            assertThat(again.mutatingCalls()).isZero();
        }
    }
}
