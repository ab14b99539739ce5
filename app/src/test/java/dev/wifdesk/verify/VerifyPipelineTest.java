package dev.wifdesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.FederationSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --launch run}: a real pipeline of the sandbox GitLab, its job's trace, the Dataflow job it launched. */
class VerifyPipelineTest {
    @TempDir
    Path dir;
    private VerifySandbox sb;

    @BeforeEach
    void start() {
        sb = new VerifySandbox(dir);
    }

    @AfterEach
    void stop() {
        sb.close();
    }

    @Test
    void aCorrectSetupPassesAllThreeLayersAndTheDataflowJobIsDone() throws Exception {
        FederationSpec spec = VerifySandbox.spec();
        sb.apply(spec);
        VerifyReport report = sb.verify(spec, LaunchMode.RUN);
        String text = VerifyText.write(report);
        assertThat(report.failed()).as(text).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(CheckResult::layer).contains(Layer.PREFLIGHT, Layer.LAUNCH, Layer.PIPELINE);
        DataflowJob job = report.dataflowJob().orElseThrow();
        assertThat(job.state()).isEqualTo("JOB_STATE_DONE");
        assertThat(job.id()).matches("\\d{4}-\\d{2}-\\d{2}_\\d{2}_\\d{2}_\\d{2}-\\d+");
        assertThat(job.consoleUrl()).isEqualTo("https://console.cloud.google.com/dataflow/jobs/europe-west1/" + job.id()
                + "?project=sandbox-project");
        assertThat(report.check(Layer.PIPELINE, CheckNames.DATAFLOW_JOB).orElseThrow().detail())
                .contains(job.id()).contains("JOB_STATE_DONE");
        assertThat(report.check(Layer.PIPELINE, CheckNames.CI_JOB).orElseThrow().detail()).contains("wif-verify");
    }

    @Test
    void aWorkerWithoutItsRoleFailsTheDataflowJobWithDataflowsMessages() throws Exception {
        FederationSpec spec = VerifySandbox.spec();
        sb.apply(spec);
        new Misconfigure(sb.operator).dropProjectRole("roles/dataflow.worker");
        VerifyReport report = sb.verify(spec, LaunchMode.RUN);
        String text = VerifyText.write(report);
        // start with permissions: preflight names it first, and the real job shows Dataflow's own text
        assertThat(report.failed().get(0).name()).as(text).isEqualTo(CheckNames.WORKER_ROLE);
        CheckResult dataflow = report.check(Layer.PIPELINE, CheckNames.DATAFLOW_JOB).orElseThrow();
        assertThat(dataflow.status()).as(text).isEqualTo(CheckStatus.FAIL);
        DataflowJob job = report.dataflowJob().orElseThrow();
        assertThat(job.state()).isEqualTo("JOB_STATE_FAILED");
        assertThat(job.messages()).anySatisfy(m -> assertThat(m).contains("roles/dataflow.worker should be granted to"
                + " controller service account " + Misconfigure.SA));
    }

    @Test
    void withoutAGitLabCiFileThePipelineCheckSaysWhatToCommit() throws Exception {
        FederationSpec spec = VerifySandbox.spec();
        sb.apply(spec);
        sb.gitlab.getRepositoryFileApi().deleteFile("acme/pipelines", ".gitlab-ci.yml", "main", "remove CI");
        VerifyReport report = sb.verify(spec, LaunchMode.RUN);
        assertThat(report.check(Layer.PREFLIGHT, CheckNames.CI_CONFIG).orElseThrow().detail())
                .startsWith("no .gitlab-ci.yml on main of acme/pipelines: commit the verification job");
        CheckResult pipeline = report.check(Layer.PIPELINE, CheckNames.PIPELINE).orElseThrow();
        assertThat(pipeline.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(pipeline.detail()).contains("(Missing CI config file): commit the verification job");
        assertThat(pipeline.fixSteps()).containsExactly("gitlab-ci-file");
        assertThat(report.passed()).isFalse();

        sb.applyFix(spec, report);
        VerifyReport fixed = sb.verify(spec, LaunchMode.RUN);
        assertThat(fixed.failed()).as(VerifyText.write(fixed)).isEmpty();
        assertThat(fixed.dataflowJob().orElseThrow().state()).isEqualTo("JOB_STATE_DONE");
    }
}
