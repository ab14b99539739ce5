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
        System.out.println(text);
        assertThat(report.failed()).as(text).isEmpty();
        assertThat(report.dataflowJob()).isPresent();
        assertThat(report.dataflowJob().get().state()).isEqualTo("JOB_STATE_DONE");
    }
}
