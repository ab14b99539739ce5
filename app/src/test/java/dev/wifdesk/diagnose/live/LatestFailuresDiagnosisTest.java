package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.sandbox.VerificationFixture;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real failed pipelines on the sandbox, read back through gitlab4j and diagnosed against the live IAM state. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatestFailuresDiagnosisTest {
    private VerificationFixture fx;
    private FailingPipelines pipelines;
    private LatestFailures result;

    @BeforeAll
    void runPipelinesAndDiagnose() throws Exception {
        fx = new VerificationFixture();
        pipelines = FailingPipelines.run(fx);
        result = new LatestFailuresDiagnosis(fx.gitlab, fx.operator, new DiagnosisEngine()).diagnose(GitLabSandbox.PROJECT_PATH);
        System.out.println(new LatestFailuresText().write(result));
        System.out.println(new LatestFailuresJson().write(result));
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void dump() {
        assertThat(result.jobs()).isNotEmpty();
    }
}
