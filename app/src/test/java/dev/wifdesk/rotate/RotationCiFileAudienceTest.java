package dev.wifdesk.rotate;

import static dev.wifdesk.rotate.RotationSandbox.NOW;
import static dev.wifdesk.rotate.RotationSandbox.OLD;
import static dev.wifdesk.rotate.RotationSandbox.providerValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.plan.Step;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.util.Optional;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.RepositoryFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the provider's default audience, a {@code .gitlab-ci.yml} that spells the old audience out is
 * fixed by the switch through a merge request (read back with gitlab4j: branch file, merge request,
 * the ref untouched); a rollback closes that merge request when it was not merged, and proposes the
 * reverse when it was.
 */
class RotationCiFileAudienceTest {
    private static final String NEW = "gitlab-ci-2026q4";
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private static final String OLD_AUD = "https:" + providerValue(OLD);
    private static final String NEW_AUD = "https:" + providerValue(NEW);
    /** A job of the user's (hidden, so pipelines do not run it) that asks for the audience literally. */
    private static final String LEGACY = """

            # deploys with the pool's audience spelled out
            .legacy-deploy:
              id_tokens:
                GCP_TOKEN:
                  aud: %s
              script: [./deploy.sh]
            """.formatted(OLD_AUD);

    @TempDir
    Path dir;
    private RotationSandbox at;
    private Rotation rotation;
    private String committed;

    @BeforeEach
    void start() throws Exception {
        at = new RotationSandbox(dir, RotationSandbox.SPEC.replaceFirst("    audiences: \\[[^]]*]\n", ""));
        at.applySetup();
        rotation = at.rotation(NOW);
        committed = CiConfigFile.read(at.gitlab, PROJECT, "main").orElseThrow() + LEGACY;
        RepositoryFile f = new RepositoryFile();
        f.setFilePath(CiConfigFile.PATH);
        f.setContent(committed);
        at.gitlab.getRepositoryFileApi().updateFile(PROJECT, f, "main", "a job with the audience spelled out");
        at.run(rotation.prepare(at.spec, Optional.empty(), false));
    }

    @AfterEach
    void stop() {
        at.close();
    }

    private static Optional<Step> step(RotationPlan plan) {
        return plan.plan().plan().steps().stream().filter(s -> s.id().equals(CiFileAudience.STEP)).findFirst();
    }

    private Optional<MergeRequest> mergeRequest(String branch) throws Exception {
        return CiConfigFile.lastMergeRequest(at.gitlab, PROJECT, branch, "main");
    }

    /** Switches, and checks the merge request it opened: the file on its branch differs from main's in the audience only. */
    private MergeRequest switchByMergeRequest() throws Exception {
        RotationPlan sw = rotation.switchOver(at.spec, false);
        Step edit = step(sw).orElseThrow();
        assertThat(edit.action()).isEqualTo(Action.CREATE);
        assertThat(edit.description()).contains("wifdesk/rotate-audience-" + NEW).contains("merge request into main");
        assertThat(edit.diff()).as("shown in the plan before it runs").singleElement().satisfies(d -> {
            assertThat(d.field()).startsWith(".gitlab-ci.yml:");
            assertThat(d.before()).isEqualTo("aud: " + OLD_AUD);
            assertThat(d.after()).isEqualTo("aud: " + NEW_AUD);
        });
        assertThat(sw.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(RotationFinding.CI_FILE_OLD_AUDIENCE);
            assertThat(f.severity()).isEqualTo("info");
            assertThat(f.message()).contains("a merge request wifdesk/rotate-audience-" + NEW + " -> main");
        });
        at.run(sw);

        String onBranch = CiConfigFile.read(at.gitlab, PROJECT, "wifdesk/rotate-audience-" + NEW).orElseThrow();
        assertThat(onBranch).isEqualTo(committed.replace(OLD_AUD, NEW_AUD)).doesNotContain(OLD_AUD);
        assertThat(CiConfigFile.read(at.gitlab, PROJECT, "main")).as("main changes only by the merge").contains(committed);
        MergeRequest mr = mergeRequest("wifdesk/rotate-audience-" + NEW).orElseThrow();
        assertThat(mr.getState()).isEqualTo("opened");
        assertThat(mr.getTargetBranch()).isEqualTo("main");

        // a re-run makes no second branch, commit or merge request, and the finding names the open one
        RotationPlan again = rotation.switchOver(at.spec, false);
        assertThat(step(again).orElseThrow().action()).isEqualTo(Action.NONE);
        assertThat(again.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("merge request !" + mr.getIid()).contains(mr.getWebUrl()));
        assertThat(at.run(again)).isZero();
        return mr;
    }

    @Test
    void theSwitchProposesTheNewAudienceAndARollbackClosesTheUnmergedMergeRequest() throws Exception {
        MergeRequest mr = switchByMergeRequest();

        RotationPlan back = rotation.rollback(at.spec);
        Step close = step(back).orElseThrow();
        assertThat(close.action()).isEqualTo(Action.UPDATE);
        assertThat(close.description()).startsWith("Close merge request !" + mr.getIid()).contains("not merged");
        assertThat(back.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("was not merged")
                .contains("closes it"));
        at.run(back);
        assertThat(at.gitlab.getMergeRequestApi().getMergeRequest(PROJECT, mr.getIid()).getState()).isEqualTo("closed");
        assertThat(CiConfigFile.read(at.gitlab, PROJECT, "main")).contains(committed);
        assertThat(step(rotation.rollback(at.spec))).as("nothing left to do on a re-run").isEmpty();
        assertThat(mergeRequest("wifdesk/rollback-audience-" + NEW)).as("no reverse merge request").isEmpty();
    }

    @Test
    void afterTheMergeRequestWasMergedARollbackProposesTheOldAudienceBack() throws Exception {
        MergeRequest mr = switchByMergeRequest();
        at.gitlab.getMergeRequestApi().acceptMergeRequest(PROJECT, mr.getIid());
        assertThat(CiConfigFile.read(at.gitlab, PROJECT, "main")).contains(committed.replace(OLD_AUD, NEW_AUD));
        assertThat(step(rotation.switchOver(at.spec, false))).as("merged: the switch has nothing left to edit").isEmpty();

        RotationPlan back = rotation.rollback(at.spec);
        Step reverse = step(back).orElseThrow();
        assertThat(reverse.action()).isEqualTo(Action.CREATE);
        assertThat(reverse.description()).contains("wifdesk/rollback-audience-" + NEW);
        assertThat(reverse.diff()).singleElement().satisfies(d -> {
            assertThat(d.before()).isEqualTo("aud: " + NEW_AUD);
            assertThat(d.after()).isEqualTo("aud: " + OLD_AUD);
        });
        assertThat(back.findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("was merged")
                .contains("wifdesk/rollback-audience-" + NEW));
        at.run(back);
        assertThat(CiConfigFile.read(at.gitlab, PROJECT, "wifdesk/rollback-audience-" + NEW)).contains(committed);
        assertThat(mergeRequest("wifdesk/rollback-audience-" + NEW).orElseThrow().getState()).isEqualTo("opened");
        assertThat(at.variables().get("WIF_PROVIDER [*]")).isEqualTo(providerValue(OLD));
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
    }

    @Test
    void onlyTheAudienceItselfIsReplacedNotALongerIdStartingWithIt() {
        String text = "a: " + OLD_AUD + "\nb: " + OLD_AUD + "-2\nc: \"" + OLD_AUD + "\"\n";
        assertThat(CiFileAudience.replace(text, OLD_AUD, NEW_AUD))
                .isEqualTo("a: " + NEW_AUD + "\nb: " + OLD_AUD + "-2\nc: \"" + NEW_AUD + "\"\n");
        assertThat(CiFileAudience.names("b: " + OLD_AUD + "-2", OLD_AUD)).isFalse();
    }
}
