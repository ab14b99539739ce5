package dev.wifdesk.rotate;

import static dev.wifdesk.rotate.RotationSandbox.NOW;
import static dev.wifdesk.rotate.RotationSandbox.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GitLabScopedVariables;
import dev.wifdesk.cloud.Operations;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Step;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge cases of a rotation, through the real clients against the sandbox. */
class RotationEdgeCasesTest {
    private static final String NEW = "gitlab-ci-2026q4";
    private static final String MAIN_SA = "gitlab-dataflow@sandbox-project.iam.gserviceaccount.com";
    @TempDir
    Path dir;
    private RotationSandbox at;
    private Rotation rotation;

    @BeforeEach
    void start() throws Exception {
        at = new RotationSandbox(dir);
        at.applySetup();
        rotation = at.rotation(NOW);
    }

    @AfterEach
    void stop() {
        at.close();
    }

    private Operations ops() {
        return new Operations(at.operator.iam());
    }

    private static Optional<Step> step(RotationPlan plan, String id) {
        return plan.plan().plan().steps().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Test
    void whenTheNextIdIsHeldByASoftDeletedPoolTheNextFreeIdIsChosen() throws Exception {
        var pools = at.operator.iam().projects().locations().workloadIdentityPools();
        ops().await(pools.create("projects/sandbox-project/locations/global", new WorkloadIdentityPool()
                .setDisplayName("earlier try")).setWorkloadIdentityPoolId(NEW).execute());
        ops().await(pools.delete(RotationSandbox.poolName(NEW)).execute());

        RotationPlan prepare = rotation.prepare(at.spec, Optional.empty(), false);
        assertThat(prepare.newPool()).isEqualTo(NEW + "-2");
        assertThat(step(prepare, "pool").orElseThrow().action()).isEqualTo(Action.CREATE);
        assertThat(catchThrowable(() -> rotation.prepare(at.spec, Optional.of(NEW), false)))
                .isInstanceOf(RotationRefused.class).hasMessageContaining("--new-pool-id " + NEW)
                .hasMessageContaining("soft-deleted pool");
        assertThat(catchThrowable(() -> rotation.prepare(at.spec, Optional.of("gcp-rotated"), false)))
                .isInstanceOf(RotationRefused.class).hasMessageStartingWith("--new-pool-id: ")
                .hasMessageContaining("must not start with \"gcp-\"");
        at.run(prepare);
        // resumable: a re-run finds the prepared pool by its marker instead of choosing yet another id
        assertThat(rotation.prepare(at.spec, Optional.empty(), false).newPool()).isEqualTo(NEW + "-2");
        assertThat(catchThrowable(() -> rotation.prepare(at.spec, Optional.of("other-pool"), false)))
                .isInstanceOf(RotationRefused.class).hasMessageContaining("already prepared as " + NEW + "-2");
    }

    @Test
    void everyProviderOfTheOldPoolIsMirroredAndRetireDisablesThemAll() throws Exception {
        var providers = at.operator.iam().projects().locations().workloadIdentityPools().providers();
        ops().await(providers.create(RotationSandbox.poolName(OLD), new WorkloadIdentityPoolProvider()
                .setOidc(new Oidc().setIssuerUri("https://gitlab.other.example").setAllowedAudiences(List.of("wifdesk-other")))
                .setAttributeMapping(Map.of("google.subject", "assertion.sub", "attribute.project_path", "assertion.project_path"))
                .setAttributeCondition("assertion.project_path.startsWith(\"ops/\")"))
                .setWorkloadIdentityPoolProviderId("gitlab-other").execute());

        RotationPlan prepare = rotation.prepare(at.spec, Optional.empty(), false);
        assertThat(step(prepare, "mirror-provider:gitlab-other").orElseThrow().action()).isEqualTo(Action.CREATE);
        at.run(prepare);
        WorkloadIdentityPoolProvider copy = providers.get(RotationSandbox.poolName(NEW) + "/providers/gitlab-other").execute();
        assertThat(copy.getOidc().getIssuerUri()).isEqualTo("https://gitlab.other.example");
        assertThat(copy.getOidc().getAllowedAudiences()).containsExactly("wifdesk-other");
        assertThat(copy.getAttributeCondition()).isEqualTo("assertion.project_path.startsWith(\"ops/\")");
        assertThat(copy.getAttributeMapping()).containsEntry("attribute.project_path", "assertion.project_path").hasSize(2);
        assertThat(rotation.prepare(at.spec, Optional.empty(), false).changes()).isZero();

        at.run(rotation.switchOver(at.spec, false));
        RotationPlan retire = rotation.retire(at.spec, Duration.ZERO);
        assertThat(retire.plan().plan().steps()).extracting(Step::id).contains("disable-provider:gitlab-sandbox",
                "disable-provider:gitlab-other");
        // no binding goes before every old provider is off: no token of the old pool is minted mid-retire
        assertThat(step(retire, "remove-bindings:" + MAIN_SA).orElseThrow().dependsOn())
                .containsExactlyInAnyOrder("disable-provider:gitlab-sandbox", "disable-provider:gitlab-other");
        assertThat(step(retire, LifecycleSteps.DELETE_POOL).orElseThrow().dependsOn())
                .contains("disable-provider:gitlab-other");
        at.run(retire);
        assertThat(at.pool(OLD).getState()).isEqualTo("DELETED");
        assertThat(providers.get(RotationSandbox.poolName(NEW) + "/providers/gitlab-other").execute().getDisabled())
                .isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void rollbackReEnablesEveryOldProviderARetireDisabled() throws Exception {
        var providers = at.operator.iam().projects().locations().workloadIdentityPools().providers();
        ops().await(providers.create(RotationSandbox.poolName(OLD), new WorkloadIdentityPoolProvider()
                .setOidc(new Oidc().setIssuerUri("https://gitlab.other.example"))
                .setAttributeMapping(Map.of("google.subject", "assertion.sub")))
                .setWorkloadIdentityPoolProviderId("gitlab-other").execute());
        at.run(rotation.prepare(at.spec, Optional.empty(), false));
        at.run(rotation.switchOver(at.spec, false));
        RotationPlan retire = rotation.retire(at.spec, Duration.ZERO);
        at.run(new dev.wifdesk.plan.Plan(retire.plan().plan().steps().stream()
                .filter(st -> st.id().startsWith("disable-provider:")).toList()));
        String other = RotationSandbox.poolName(OLD) + "/providers/gitlab-other";
        assertThat(providers.get(other).execute().getDisabled()).isTrue();

        RotationPlan rollback = rotation.rollback(at.spec);
        assertThat(step(rollback, "enable-provider:gitlab-other").orElseThrow().action()).isEqualTo(Action.UPDATE);
        at.run(rollback);
        assertThat(providers.get(other).execute().getDisabled()).isNotEqualTo(true);
        assertThat(providers.get(RotationSandbox.poolName(OLD) + "/providers/gitlab-sandbox").execute().getDisabled())
                .isNotEqualTo(true);
        assertThat(rotation.rollback(at.spec).changes()).isZero();
    }

    @Test
    void aBindingSomeoneElseMadeOnTheOldPoolIsReportedAndCopiedOnlyWhenAsked() throws Exception {
        String foreign = "principal://iam.googleapis.com/" + RotationSandbox.poolName(OLD)
                + "/subject/project_path:acme/ops:ref_type:branch:ref:main";
        String resource = "projects/" + RotationSandbox.account("gitlab-dataflow");
        var accounts = at.operator.iam().projects().serviceAccounts();
        Policy policy = at.policy("gitlab-dataflow");
        List<Binding> bindings = new ArrayList<>(policy.getBindings());
        bindings.add(new Binding().setRole("roles/iam.serviceAccountTokenCreator").setMembers(List.of(foreign,
                "user:alice@example.com")));
        accounts.setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(policy.setBindings(bindings))).execute();
        String copied = foreign.replace("/workloadIdentityPools/gitlab-ci/", "/workloadIdentityPools/" + NEW + "/");

        RotationPlan asIs = rotation.prepare(at.spec, Optional.empty(), false);
        assertThat(asIs.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(RotationFinding.UNMANAGED_BINDING);
            assertThat(f.message()).contains(MAIN_SA).contains("roles/iam.serviceAccountTokenCreator").contains(foreign);
            assertThat(f.fix()).contains("--copy-unmanaged-bindings").contains(copied);
        });
        assertThat(step(asIs, "mirror-bindings:" + MAIN_SA)).isEmpty();
        at.run(asIs);
        assertThat(at.members("gitlab-dataflow")).doesNotContain("roles/iam.serviceAccountTokenCreator " + copied);

        RotationPlan copying = rotation.prepare(at.spec, Optional.empty(), true);
        assertThat(step(copying, "mirror-bindings:" + MAIN_SA).orElseThrow().diff())
                .anySatisfy(d -> assertThat(d.after()).isEqualTo(copied));
        at.run(copying);
        assertThat(at.members("gitlab-dataflow")).contains("roles/iam.serviceAccountTokenCreator " + copied);
        assertThat(rotation.prepare(at.spec, Optional.empty(), true).changes()).isZero();

        at.run(rotation.switchOver(at.spec, false));
        at.run(rotation.retire(at.spec, Duration.ZERO));
        // every member of the old pool is gone; the other members stay exactly as they were
        assertThat(at.members("gitlab-dataflow")).noneMatch(m -> m.contains("/workloadIdentityPools/gitlab-ci/"))
                .contains("roles/iam.serviceAccountTokenCreator user:alice@example.com",
                        "roles/iam.serviceAccountTokenCreator " + copied);
    }

    @Test
    void variablesChangedBySomeoneElseSincePrepareAreDetectedAndOnlyOverwrittenWhenTheUserSaysSo() throws Exception {
        at.run(rotation.prepare(at.spec, Optional.empty(), false));
        new GitLabScopedVariables(at.gitlab).update(GitLabSandbox.PROJECT_PATH, "WIF_SERVICE_ACCOUNT", "staging",
                "someone-else@sandbox-project.iam.gserviceaccount.com", true, true);

        assertThat(catchThrowable(() -> rotation.switchOver(at.spec, false))).isInstanceOf(RotationRefused.class)
                .hasMessageContaining("changed by someone else").hasMessageContaining("WIF_SERVICE_ACCOUNT [staging]")
                .hasMessageContaining("--overwrite-changed-variables").hasMessageNotContaining("someone-else@");
        assertThat(at.variables().get("WIF_PROVIDER [*]")).isEqualTo(RotationSandbox.providerValue(OLD));

        RotationPlan overwrite = rotation.switchOver(at.spec, true);
        assertThat(overwrite.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(RotationFinding.VARIABLES_CHANGED);
            assertThat(f.message()).contains("WIF_SERVICE_ACCOUNT [staging]");
        });
        at.run(overwrite);
        assertThat(at.variables()).containsEntry("WIF_SERVICE_ACCOUNT [staging]",
                "gitlab-dataflow-stg@sandbox-project.iam.gserviceaccount.com")
                .containsEntry("WIF_PROVIDER [staging]", RotationSandbox.providerValue(NEW));
    }

    @Test
    void phasesOutOfOrderAreRefusedWithWhatToDoAndChangeNothing() throws Exception {
        assertThat(catchThrowable(() -> rotation.switchOver(at.spec, false))).isInstanceOf(RotationRefused.class)
                .hasMessageContaining("no rotation from gitlab-ci is prepared").hasMessageContaining("--phase prepare");
        assertThat(catchThrowable(() -> rotation.rollback(at.spec))).isInstanceOf(RotationRefused.class)
                .hasMessageContaining("run --phase prepare first");
        at.run(rotation.prepare(at.spec, Optional.empty(), false));
        assertThat(catchThrowable(() -> rotation.retire(at.spec, Duration.ZERO))).isInstanceOf(RotationRefused.class)
                .hasMessageContaining("run --phase switch first");
        // a prepared pool that lost a binding is not ready: switch says so rather than pointing jobs at it
        Policy p = at.policy("gitlab-dataflow-prod");
        p.setBindings(p.getBindings().stream().filter(b -> !b.getRole().equals("roles/iam.workloadIdentityUser")).toList());
        at.operator.iam().projects().serviceAccounts().setIamPolicy("projects/" + RotationSandbox.account("gitlab-dataflow-prod"),
                new SetIamPolicyRequest().setPolicy(p)).execute();
        assertThat(catchThrowable(() -> rotation.switchOver(at.spec, false))).isInstanceOf(RotationRefused.class)
                .hasMessageContaining("is not ready").hasMessageContaining("service-account-iam:gitlab-dataflow-prod");
        assertThat(at.variables().get("WIF_PROVIDER [production]")).isEqualTo(RotationSandbox.providerValue(OLD));
    }

    @Test
    void rollbackAfterARetireThatStoppedBeforeTheDeleteRestoresTheOldPath() throws Exception {
        at.run(rotation.prepare(at.spec, Optional.empty(), false));
        at.run(rotation.switchOver(at.spec, false));
        RotationPlan retire = rotation.retire(at.spec, Duration.ZERO);
        // the retire stopped after disabling the provider and removing the bindings, before the delete
        at.run(new dev.wifdesk.plan.Plan(retire.plan().plan().steps().stream()
                .filter(s -> !s.id().equals(LifecycleSteps.DELETE_POOL)).toList()));
        String staging = "roles/iam.workloadIdentityUser "
                + RotationSandbox.member(OLD, "attribute.project_environment/acme/pipelines:staging");
        assertThat(at.members("gitlab-dataflow-stg")).doesNotContain(staging);

        RotationPlan rollback = rotation.rollback(at.spec);
        assertThat(step(rollback, "service-account-iam:gitlab-dataflow-stg").orElseThrow().action()).isEqualTo(Action.UPDATE);
        at.run(rollback);
        assertThat(at.members("gitlab-dataflow-stg")).contains(staging);
        assertThat(at.operator.iam().projects().locations().workloadIdentityPools().providers()
                .get(RotationSandbox.poolName(OLD) + "/providers/gitlab-sandbox").execute().getDisabled()).isNotEqualTo(true);
        assertThat(at.variables().get("WIF_PROVIDER [staging]")).isEqualTo(RotationSandbox.providerValue(OLD));
        assertThat(at.pipeline()).isEqualTo(RotationSandbox.TWO_JOBS_PASS);
    }

    @Test
    void statusListsEveryPoolWithItsAgeDueDateAndWhoPointsAtItAndFlagsTheOverdueOne() throws Exception {
        java.time.Instant created = at.audit.read().stream().filter(e -> e.action().equals("iam.workloadIdentityPools.create"))
                .findFirst().orElseThrow().time();
        Map<String, PoolStatus> later = status(created.plus(Duration.ofDays(100)));
        assertThat(later.get(OLD).overdue()).isTrue();
        assertThat(later.get(OLD).ageDays(created.plus(Duration.ofDays(100)))).contains(100L);
        assertThat(later.get(OLD).due()).contains(created.plus(Duration.ofDays(90)));
        assertThat(later.get(OLD).pointedAtBy()).containsExactlyInAnyOrder("acme/pipelines WIF_PROVIDER [*]",
                "acme/pipelines WIF_PROVIDER [production]", "acme/pipelines WIF_PROVIDER [staging]");
        assertThat(status(created.plus(Duration.ofDays(10))).get(OLD).overdue()).isFalse();

        Rotation rotateNow = at.rotation(created);
        at.run(rotateNow.prepare(at.spec, Optional.empty(), false));
        at.run(rotateNow.switchOver(at.spec, false));
        String newId = PoolIds.next(OLD, created, java.util.Set.of());
        Map<String, PoolStatus> after = status(created.plus(Duration.ofDays(10)));
        assertThat(after.get(newId).lastRotation()).contains(created);
        assertThat(after.get(newId).marker().orElseThrow().rotatedFrom()).isEqualTo(OLD);
        assertThat(after.get(newId).due()).contains(created.plus(Duration.ofDays(90)));
        assertThat(after.get(newId).pointedAtBy()).hasSize(3);
        assertThat(after.get(OLD).pointedAtBy()).isEmpty();
    }

    private Map<String, PoolStatus> status(java.time.Instant now) throws Exception {
        return new RotationStatus(at.operator, Optional.of(at.gitlab), java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                .pools(RotationSandbox.PROJECT, Optional.of(GitLabSandbox.PROJECT_PATH), RotationStatus.DEFAULT_POLICY,
                        at.audit.read()).stream().collect(java.util.stream.Collectors.toMap(PoolStatus::poolId, s -> s));
    }
}
