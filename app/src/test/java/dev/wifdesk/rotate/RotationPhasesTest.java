package dev.wifdesk.rotate;

import static dev.wifdesk.rotate.RotationSandbox.NOW;
import static dev.wifdesk.rotate.RotationSandbox.OLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Step;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole rotation through the real clients against the sandbox: prepare, switch, retire; with a pipeline after each. */
class RotationPhasesTest {
    private static final String NEW = "gitlab-ci-2026q4";
    @TempDir
    Path dir;
    private RotationSandbox at;

    @BeforeEach
    void start() throws Exception {
        at = new RotationSandbox(dir);
        at.applySetup();
    }

    @AfterEach
    void stop() {
        at.close();
    }

    private static Map<String, Step> byId(RotationPlan plan) {
        return plan.plan().plan().steps().stream().collect(Collectors.toMap(Step::id, s -> s));
    }

    @Test
    void prepareSwitchRetireEndsOnTheNewPoolWithTheOldOneDeletedAndNoPipelineFails() throws Exception {
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
        Rotation rotation = at.rotation(NOW);

        RotationPlan prepare = rotation.prepare(at.spec, Optional.empty(), false);
        assertThat(prepare.oldPool()).isEqualTo(OLD);
        assertThat(prepare.newPool()).isEqualTo(NEW);
        Map<String, Step> steps = byId(prepare);
        assertThat(steps).doesNotContainKey(Rotation.VARIABLES_STEP);
        assertThat(steps.get("pool").action()).isEqualTo(Action.CREATE);
        assertThat(steps.get("provider").action()).isEqualTo(Action.CREATE);
        assertThat(steps.get("service-account-iam:gitlab-dataflow-prod").diff()).anySatisfy(d -> assertThat(d.after())
                .isEqualTo(RotationSandbox.member(NEW, "attribute.protected_project_environment/acme/pipelines:production")));
        assertThat(steps.get("service-account:gitlab-dataflow").action()).isEqualTo(Action.NONE);
        assertThat(prepare.findings()).isEmpty();
        at.run(prepare);
        assertThat(at.pool(NEW).getDescription()).isEqualTo("Keyless GitLab CI [rotated-from: gitlab-ci]");
        assertThat(at.members("gitlab-dataflow-stg")).contains("roles/iam.workloadIdentityUser "
                + RotationSandbox.member(NEW, "attribute.project_environment/acme/pipelines:staging"),
                "roles/iam.workloadIdentityUser "
                + RotationSandbox.member(OLD, "attribute.project_environment/acme/pipelines:staging"));
        var provider = at.operator.iam().projects().locations().workloadIdentityPools().providers()
                .get(RotationSandbox.poolName(NEW) + "/providers/gitlab-sandbox").execute();
        assertThat(provider.getOidc().getAllowedAudiences()).containsExactly(dev.wifdesk.sandbox.gitlab.GitLabSandbox.ISSUER);
        assertThat(provider.getAttributeCondition()).isEqualTo("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"");
        assertThat(at.variables().get("WIF_PROVIDER [*]")).isEqualTo(RotationSandbox.providerValue(OLD));
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
        RotationPlan again = rotation.prepare(at.spec, Optional.empty(), false);
        assertThat(again.newPool()).isEqualTo(NEW);
        assertThat(again.changes()).isZero();
        assertThat(at.run(again)).isZero();

        RotationPlan switchOver = rotation.switchOver(at.spec, false);
        assertThat(switchOver.plan().plan().steps()).extracting(Step::id)
                .containsExactly(Rotation.VARIABLES_STEP, LifecycleSteps.MARKER);
        assertThat(byId(switchOver).get(Rotation.VARIABLES_STEP).diff()).anySatisfy(d -> {
            assertThat(d.field()).isEqualTo("WIF_PROVIDER [production]");
            assertThat(d.after()).startsWith(RotationSandbox.providerValue(NEW));
        });
        long during = at.startPipeline(); // a job that starts while the variables change
        at.run(switchOver);
        long right = at.startPipeline();
        assertThat(at.pipelineResult(during)).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
        assertThat(at.pipelineResult(right)).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
        Map<String, String> vars = at.variables();
        for (String scope : new String[] {"*", "production", "staging"}) {
            assertThat(vars.get("WIF_PROVIDER [" + scope + "]")).isEqualTo(RotationSandbox.providerValue(NEW));
        }
        assertThat(RotationMarker.parse(at.pool(NEW).getDescription()).flatMap(RotationMarker::switchedAt)).contains(NOW);
        assertThat(rotation.switchOver(at.spec, false).changes()).isZero();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> rotation.retire(at.spec, Rotation.DEFAULT_GRACE)))
                .isInstanceOf(RotationRefused.class).hasMessageContaining("grace period runs until 2026-11-22T10:00:00Z");
        RotationPlan retire = at.rotation(NOW.plus(Rotation.DEFAULT_GRACE)).retire(at.spec, Rotation.DEFAULT_GRACE);
        Map<String, Step> r = byId(retire);
        assertThat(r.get("disable-provider:gitlab-sandbox").action()).isEqualTo(Action.UPDATE);
        assertThat(r.get("remove-bindings:gitlab-dataflow-prod@sandbox-project.iam.gserviceaccount.com").diff())
                .anySatisfy(d -> assertThat(d.before()).contains("/workloadIdentityPools/gitlab-ci/"));
        assertThat(r.get(LifecycleSteps.DELETE_POOL).action()).isEqualTo(Action.DELETE);
        assertThat(r.get(LifecycleSteps.DELETE_POOL).diff()).anySatisfy(d -> {
            assertThat(d.field()).isEqualTo("purgeTime");
            assertThat(d.after()).isEqualTo("2026-12-22T10:00:00Z");
        });
        at.run(retire);

        assertThat(at.pool(OLD).getState()).isEqualTo("DELETED");
        assertThat(at.pool(OLD).getExpireTime()).isNotBlank();
        for (String sa : new String[] {"gitlab-dataflow", "gitlab-dataflow-prod", "gitlab-dataflow-stg"}) {
            assertThat(at.members(sa)).noneMatch(m -> m.contains("/workloadIdentityPools/gitlab-ci/"))
                    .anyMatch(m -> m.contains("/workloadIdentityPools/" + NEW + "/"))
                    .contains("roles/iam.serviceAccountUser serviceAccount:" + sa + "@sandbox-project.iam.gserviceaccount.com");
        }
        assertThat(at.variables().get("WIF_PROVIDER [*]")).isEqualTo(RotationSandbox.providerValue(NEW));
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
        RotationPlan retireAgain = at.rotation(NOW.plus(Rotation.DEFAULT_GRACE)).retire(at.spec, Rotation.DEFAULT_GRACE);
        assertThat(retireAgain.changes()).isZero();
        assertThat(at.run(retireAgain)).isZero();
    }

    @Test
    void rollbackFromSwitchRestoresTheOldVariablesAndReEnablesTheOldProvider() throws Exception {
        Rotation rotation = at.rotation(NOW);
        at.run(rotation.prepare(at.spec, Optional.empty(), false));
        at.run(rotation.switchOver(at.spec, false));
        // someone disabled the old provider by hand after the switch
        var providers = at.operator.iam().projects().locations().workloadIdentityPools().providers();
        String oldProvider = RotationSandbox.poolName(OLD) + "/providers/gitlab-sandbox";
        new dev.wifdesk.cloud.Operations(at.operator.iam()).await(providers.patch(oldProvider,
                providers.get(oldProvider).execute().setDisabled(true)).setUpdateMask("disabled").execute());

        RotationPlan rollback = rotation.rollback(at.spec);
        Map<String, Step> steps = byId(rollback);
        assertThat(steps.get("provider").diff()).anySatisfy(d -> assertThat(d.field() + d.before() + d.after())
                .isEqualTo("disabledtruefalse"));
        assertThat(steps.get(Rotation.VARIABLES_STEP).dependsOn()).contains("provider", "pool");
        at.run(rollback);

        assertThat(providers.get(oldProvider).execute().getDisabled()).isNotEqualTo(Boolean.TRUE);
        Map<String, String> vars = at.variables();
        for (String scope : new String[] {"*", "production", "staging"}) {
            assertThat(vars.get("WIF_PROVIDER [" + scope + "]")).isEqualTo(RotationSandbox.providerValue(OLD));
        }
        assertThat(RotationMarker.parse(at.pool("gitlab-ci-2026q4").getDescription()).orElseThrow().switchedAt()).isEmpty();
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
        RotationPlan again = rotation.rollback(at.spec);
        assertThat(again.changes()).isZero();
        assertThat(at.run(again)).isZero();
        // retire refuses: the variables are back on the old pool
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> rotation.retire(at.spec, java.time.Duration.ZERO)))
                .isInstanceOf(RotationRefused.class).hasMessageContaining("run --phase switch first");
    }

    @Test
    void withTheProvidersDefaultAudienceTheSwitchAlsoMovesTheIdTokenAudience() throws Exception {
        // a second project setup whose provider has no allowed audiences: the aud is the provider's own name
        at.close();
        at = new RotationSandbox(dir.resolve("default"), RotationSandbox.SPEC.replaceFirst("    audiences: \\[[^]]*]\n", ""));
        at.applySetup();
        Rotation rotation = at.rotation(NOW);
        at.run(rotation.prepare(at.spec, Optional.empty(), false));
        assertThat(at.operator.iam().projects().locations().workloadIdentityPools().providers()
                .get(RotationSandbox.poolName(NEW) + "/providers/gitlab-sandbox").execute().getOidc().getAllowedAudiences())
                .isNullOrEmpty();
        assertThat(at.variables().get("WIF_ID_TOKEN_AUD [*]")).isEqualTo("https:" + RotationSandbox.providerValue(OLD));
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);

        RotationPlan clean = rotation.switchOver(at.spec, false);
        assertThat(clean.findings()).isEmpty(); // the committed job asks for $WIF_ID_TOKEN_AUD
        // a file that spells the old audience out is reported before the switch
        String file = dev.wifdesk.plan.CiConfigFile.read(at.gitlab, "acme/pipelines", "main").orElseThrow();
        var f = new org.gitlab4j.api.models.RepositoryFile();
        f.setFilePath(".gitlab-ci.yml");
        f.setContent(file + "\n# legacy job: aud: https:" + RotationSandbox.providerValue(OLD) + "\n");
        at.gitlab.getRepositoryFileApi().updateFile("acme/pipelines", f, "main", "a hard-coded audience");
        RotationPlan switchOver = rotation.switchOver(at.spec, false);
        assertThat(switchOver.findings()).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(RotationFinding.CI_FILE_OLD_AUDIENCE);
            assertThat(x.severity()).as("the switch fixes it by merge request").isEqualTo("info");
            assertThat(x.fix()).contains("$WIF_ID_TOKEN_AUD");
        });
        assertThat(byId(switchOver).get(CiFileAudience.STEP).action()).isEqualTo(Action.CREATE);
        at.run(switchOver);
        assertThat(at.variables()).containsEntry("WIF_ID_TOKEN_AUD [*]", "https:" + RotationSandbox.providerValue(NEW))
                .containsEntry("WIF_ID_TOKEN_AUD [production]", "https:" + RotationSandbox.providerValue(NEW));
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
    }
}
