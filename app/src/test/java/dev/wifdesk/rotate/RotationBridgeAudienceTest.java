package dev.wifdesk.rotate;

import static dev.wifdesk.rotate.RotationSandbox.NOW;
import static dev.wifdesk.rotate.RotationSandbox.OLD;
import static dev.wifdesk.rotate.RotationSandbox.TWO_JOBS_PASS;
import static dev.wifdesk.rotate.RotationSandbox.poolName;
import static dev.wifdesk.rotate.RotationSandbox.providerValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.setup.SetupStepIds;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.RepositoryFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge audience: the committed verification jobs ask for the old provider's default audience
 * literally (not {@code $WIF_ID_TOKEN_AUD}), and pipelines through the sandbox runner pass before
 * prepare, after prepare, after the switch while its merge request is still open (the new provider
 * accepts the old audience too), after the merge and after retire, which removes the bridge (then a
 * job asking for the old audience is refused: the bridge is really gone). Every re-run plans nothing.
 */
class RotationBridgeAudienceTest {
    private static final String NEW = "gitlab-ci-2026q4";
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private static final String OLD_AUD = "https:" + providerValue(OLD);
    private static final String NEW_AUD = "https:" + providerValue(NEW);
    private static final String VARIABLE_AUD = "aud: $WIF_ID_TOKEN_AUD";
    private static final String AUDIENCE_REFUSED = "The audience in ID Token [" + OLD_AUD
            + "] does not match the expected audience.";

    @TempDir
    Path dir;
    private RotationSandbox at;
    private Rotation rotation;
    private String literal;

    @BeforeEach
    void start() throws Exception {
        at = new RotationSandbox(dir, RotationSandbox.SPEC.replaceFirst("    audiences: \\[[^]]*]\n", ""));
        at.applySetup();
        rotation = at.rotation(NOW);
        String committed = CiConfigFile.read(at.gitlab, PROJECT, "main").orElseThrow();
        assertThat(committed).as("the setup's jobs ask for the variable").contains(VARIABLE_AUD);
        literal = committed.replace(VARIABLE_AUD, "aud: " + OLD_AUD);
        commit(literal, "the verification jobs with the audience spelled out");
        assertThat(at.pipeline()).as("before prepare").isEqualTo(TWO_JOBS_PASS);
    }

    @AfterEach
    void stop() {
        at.close();
    }

    private void commit(String content, String message) throws Exception {
        RepositoryFile f = new RepositoryFile();
        f.setFilePath(CiConfigFile.PATH);
        f.setContent(content);
        at.gitlab.getRepositoryFileApi().updateFile(PROJECT, f, "main", message);
    }

    private WorkloadIdentityPoolProvider newProvider() throws Exception {
        return at.operator.iam().projects().locations().workloadIdentityPools().providers()
                .get(poolName(NEW) + "/providers/gitlab-sandbox").execute();
    }

    private List<String> newAudiences() throws Exception {
        return BridgeAudience.allowedAudiences(newProvider());
    }

    private static Optional<Step> step(RotationPlan plan, String id) {
        return plan.plan().plan().steps().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static List<RotationFinding> bridgeFindings(RotationPlan plan) {
        return plan.findings().stream().filter(f -> f.code().equals(RotationFinding.BRIDGE_AUDIENCE)).toList();
    }

    private RotationPlan retire() throws Exception {
        return at.rotation(NOW.plus(Rotation.DEFAULT_GRACE)).retire(at.spec, Rotation.DEFAULT_GRACE);
    }

    /** Prepare with the bridge, then the switch with its merge request still open; returns that merge request. */
    private MergeRequest prepareAndSwitch() throws Exception {
        RotationPlan prepare = rotation.prepare(at.spec, Optional.empty(), false);
        Step provider = step(prepare, SetupStepIds.PROVIDER).orElseThrow();
        assertThat(provider.diff()).as("a field diff on the provider").contains(
                new FieldDiff("oidc.allowedAudiences", "", NEW_AUD + ", " + OLD_AUD));
        assertThat(provider.description()).contains("bridge: accepts the old audience the committed .gitlab-ci.yml"
                + " asks for until a merge request wifdesk/rotate-audience-" + NEW + " -> main is merged");
        assertThat(bridgeFindings(prepare)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo("info");
            assertThat(f.message()).contains(OLD_AUD).contains("WIF_ID_TOKEN_AUD stays " + NEW_AUD);
        });
        at.run(prepare);
        assertThat(newAudiences()).as("the new default audience first, then the old one as the file spells it")
                .containsExactly(NEW_AUD, OLD_AUD);
        assertThat(rotation.prepare(at.spec, Optional.empty(), false).changes()).as("prepare re-run").isZero();
        assertThat(at.pipeline()).as("after prepare").isEqualTo(TWO_JOBS_PASS);

        RotationPlan sw = rotation.switchOver(at.spec, false);
        assertThat(step(sw, CiFileAudience.STEP).orElseThrow().action()).isEqualTo(Action.CREATE);
        assertThat(sw.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("the new provider accepts the old audience too"));
        at.run(sw);
        assertThat(at.variables()).containsEntry("WIF_PROVIDER [*]", providerValue(NEW))
                .as("the bridge keeps WIF_ID_TOKEN_AUD on the new default audience")
                .containsEntry("WIF_ID_TOKEN_AUD [*]", NEW_AUD);
        MergeRequest mr = CiConfigFile.lastMergeRequest(at.gitlab, PROJECT, "wifdesk/rotate-audience-" + NEW, "main")
                .orElseThrow();
        assertThat(mr.getState()).isEqualTo("opened");
        assertThat(CiConfigFile.read(at.gitlab, PROJECT, "main")).as("still the old audience on main").contains(literal);
        assertThat(at.pipeline()).as("after the switch, its merge request unmerged: the bridge admits the old audience")
                .isEqualTo(TWO_JOBS_PASS);
        assertThat(rotation.switchOver(at.spec, false).changes()).as("switch re-run").isZero();
        return mr;
    }

    @Test
    void noPipelineFailsFromPrepareToRetireAndRetireRemovesTheBridge() throws Exception {
        MergeRequest mr = prepareAndSwitch();

        at.gitlab.getMergeRequestApi().acceptMergeRequest(PROJECT, mr.getIid());
        assertThat(CiConfigFile.read(at.gitlab, PROJECT, "main").orElseThrow()).doesNotContain(OLD_AUD).contains(NEW_AUD);
        assertThat(at.pipeline()).as("after the merge").isEqualTo(TWO_JOBS_PASS);
        assertThat(rotation.prepare(at.spec, Optional.empty(), false).changes()).as("merged: prepare keeps the bridge")
                .isZero();
        assertThat(rotation.switchOver(at.spec, false).changes()).as("merged: switch re-run").isZero();

        RotationPlan retire = retire();
        List<Step> steps = retire.plan().plan().steps();
        Step remove = steps.get(0);
        assertThat(remove.id()).as("the bridge goes before the old pool").isEqualTo(BridgeAudience.REMOVE_STEP);
        assertThat(remove.action()).isEqualTo(Action.UPDATE);
        assertThat(remove.diff()).containsExactly(new FieldDiff("oidc.allowedAudiences", NEW_AUD + ", " + OLD_AUD, ""));
        assertThat(steps).filteredOn(s -> s.id().startsWith("disable-provider:")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.dependsOn()).contains(BridgeAudience.REMOVE_STEP));
        assertThat(step(retire, LifecycleSteps.DELETE_POOL).orElseThrow().action()).isEqualTo(Action.DELETE);
        assertThat(bridgeFindings(retire)).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo("info"));
        at.run(retire);

        assertThat(newAudiences()).as("back to the default audience").isEmpty();
        assertThat(at.pool(OLD).getState()).isEqualTo("DELETED");
        assertThat(at.pipeline()).as("after retire").isEqualTo(TWO_JOBS_PASS);
        assertThat(retire().changes()).as("retire re-run").isZero();

        commit(literal, "a job asking for the old audience again");
        assertThat(at.pipeline()).as("the bridge is gone: the new provider refuses the old audience")
                .startsWith("failed").contains(AUDIENCE_REFUSED);
    }

    @Test
    void retireBeforeTheMergeKeepsTheBridgeAndStillRetiresTheOldPool() throws Exception {
        MergeRequest mr = prepareAndSwitch();

        RotationPlan retire = retire();
        assertThat(step(retire, BridgeAudience.REMOVE_STEP)).isEmpty();
        assertThat(step(retire, LifecycleSteps.DELETE_POOL).orElseThrow().action()).isEqualTo(Action.DELETE);
        assertThat(bridgeFindings(retire)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo("warning");
            assertThat(f.message()).contains("keeps the bridge").contains("The old pool can still be retired");
            assertThat(f.fix()).contains("merge request !" + mr.getIid());
        });
        at.run(retire);
        assertThat(at.pool(OLD).getState()).isEqualTo("DELETED");
        assertThat(newAudiences()).containsExactly(NEW_AUD, OLD_AUD);
        assertThat(at.pipeline()).as("old pool deleted, file unmerged: the bridge still serves").isEqualTo(TWO_JOBS_PASS);
        assertThat(retire().changes()).as("retire re-run, still unmerged").isZero();

        at.gitlab.getMergeRequestApi().acceptMergeRequest(PROJECT, mr.getIid());
        RotationPlan again = retire();
        assertThat(again.plan().plan().steps()).filteredOn(Step::changes).extracting(Step::id)
                .containsExactly(BridgeAudience.REMOVE_STEP);
        at.run(again);
        assertThat(newAudiences()).isEmpty();
        assertThat(at.pipeline()).as("after the merge and the second retire").isEqualTo(TWO_JOBS_PASS);
        assertThat(retire().changes()).isZero();
    }

    @Test
    void rollbackLeavesTheBridgeOnTheNewProviderAndTheOldPathServes() throws Exception {
        prepareAndSwitch();

        RotationPlan back = rotation.rollback(at.spec);
        assertThat(back.plan().plan().steps()).as("the new provider is not touched")
                .noneMatch(s -> s.resource().startsWith(poolName(NEW) + "/providers/") && s.changes());
        at.run(back);
        assertThat(at.variables()).containsEntry("WIF_PROVIDER [*]", providerValue(OLD))
                .containsEntry("WIF_ID_TOKEN_AUD [*]", OLD_AUD);
        assertThat(newAudiences()).containsExactly(NEW_AUD, OLD_AUD);
        assertThat(at.pipeline()).as("after rollback").isEqualTo(TWO_JOBS_PASS);
        assertThat(rotation.rollback(at.spec).changes()).as("rollback re-run").isZero();
        assertThat(rotation.prepare(at.spec, Optional.empty(), false).changes()).as("a second switch needs no prepare")
                .isZero();
    }

    @Test
    void theBridgeNamesEachSpellingOfTheOldAudienceOnceAndIsToldApartFromOtherLists() {
        CiFileAudience.Scope s = new CiFileAudience.Scope(PROJECT, "main", providerValue(OLD), providerValue(NEW), NEW);
        String text = "a: " + OLD_AUD + "\nb: " + providerValue(OLD) + "\nc: " + OLD_AUD + "\nd: " + OLD_AUD + "-2\n";
        List<String> spelled = CiFileAudience.spellings(text, providerValue(OLD));
        assertThat(spelled).containsExactly(OLD_AUD, providerValue(OLD));
        assertThat(BridgeAudience.audiences(s, spelled)).containsExactly(NEW_AUD, OLD_AUD, providerValue(OLD));
        assertThat(BridgeAudience.isBridge(List.of(NEW_AUD, OLD_AUD), s)).isTrue();
        assertThat(BridgeAudience.isBridge(List.of(NEW_AUD), s)).as("the default audience alone is no bridge").isFalse();
        assertThat(BridgeAudience.isBridge(List.of(OLD_AUD, NEW_AUD), s)).as("order: WIF_ID_TOKEN_AUD first").isFalse();
        assertThat(BridgeAudience.isBridge(List.of(NEW_AUD, "https://gitlab.com"), s)).as("someone else's list").isFalse();
    }
}
