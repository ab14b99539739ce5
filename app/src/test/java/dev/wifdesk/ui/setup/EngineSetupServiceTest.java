package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.support.SandboxWif;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's adapter on the real engine and the embedded sandbox: project facts, id states, plan, apply. */
class EngineSetupServiceTest {
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private SandboxWif wif;
    private Connection connection;
    private EngineSetupService service;
    private GitLabAccess gitlab;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        wif = SandboxWif.on(sandbox);
        connection = wif.connection();
        service = new EngineSetupService(new AuditLog(dir.resolve("audit.jsonl")), Clock.systemUTC(),
                new dev.wifdesk.cel.CelEngine());
        gitlab = new GitLabAccess(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private FederationSpec spec(String poolId) throws Exception {
        return parse(specYaml(poolId));
    }

    private static FederationSpec parse(String yaml) throws Exception {
        return new SpecParser(new SpecValidator(new CelEngine())).parse("spec.yaml", yaml);
    }

    private String specYaml(String poolId) {
        return """
                gcp:
                  project: %s
                  pool: { id: %s }
                  provider:
                    id: gitlab-sandbox
                    issuer: %s
                    audiences: [%s]
                    attributeMapping: { google.subject: assertion.sub, attribute.project_path: assertion.project_path }
                    attributeCondition: assertion.namespace_path == "acme"
                  serviceAccount: { id: gitlab-dataflow }
                  grant: [attribute.project_path/acme/pipelines]
                  projectRoles: [roles/dataflow.developer]
                gitlab: { url: %s, project: acme/pipelines }
                """.formatted(wif.projectId, poolId, GitLabSandbox.ISSUER, GitLabSandbox.ISSUER,
                sandbox.gitlab().baseUrl().toString().replaceAll("/+$", ""));
    }

    @Test
    void theReviewCarriesTheSecurityLint() throws Exception {
        FederationSpec broad = parse(specYaml("gitlab-ci").replace("roles/dataflow.developer", "roles/owner"));
        assertThat(service.review(connection, gitlab, broad).findings()).extracting(f -> f.code())
                .contains(dev.wifdesk.model.FindingCode.LINT_BROAD_ROLE);
    }

    private static Action poolAction(SetupReview r) {
        return r.steps().stream().filter(s -> s.id().equals("pool")).findFirst().orElseThrow().action();
    }

    @Test
    void theProjectsNumberAndIdStatesComeFromTheSandbox() throws Exception {
        ProjectSummary p = service.project(connection, wif.projectId);
        assertThat(p.projectNumber()).isEqualTo(wif.number);
        assertThat(service.poolState(connection, wif.number, SandboxWif.POOL_ID)).isEqualTo(IdState.FREE);
        wif.createProvider(List.of(GitLabSandbox.ISSUER));
        assertThat(service.poolState(connection, wif.number, SandboxWif.POOL_ID)).isEqualTo(IdState.TAKEN);
        assertThat(service.providerState(connection, wif.number, SandboxWif.POOL_ID, SandboxWif.PROVIDER_ID))
                .isEqualTo(IdState.TAKEN);
    }

    @Test
    void aSoftDeletedPoolPlansAnUndeleteAndAFreshIdPlansACreate() throws Exception {
        wif.createProvider(List.of(GitLabSandbox.ISSUER));
        wif.iam.projects().locations().workloadIdentityPools().delete(wif.poolName).execute();
        assertThat(service.poolState(connection, wif.number, SandboxWif.POOL_ID)).isEqualTo(IdState.SOFT_DELETED);

        SetupReview undelete = service.review(connection, gitlab, spec(SandboxWif.POOL_ID));
        assertThat(poolAction(undelete)).isEqualTo(Action.UNDELETE);
        String fresh = PoolProviderStepViewModel.freshId(SandboxWif.POOL_ID);
        SetupReview create = service.review(connection, gitlab, spec(fresh));
        assertThat(poolAction(create)).isEqualTo(Action.CREATE);
        assertThat(create.steps()).filteredOn(s -> s.id().equals("pool")).singleElement()
                .satisfies(s -> assertThat(s.resource()).endsWith("/workloadIdentityPools/" + fresh));
    }

    @Test
    void applyingTheReviewedPlanThenReviewingAgainHasNoChanges() throws Exception {
        SetupReview first = service.review(connection, gitlab, spec(SandboxWif.POOL_ID));
        assertThat(first.changes()).isPositive();
        assertThat(first.steps()).anySatisfy(s -> assertThat(s.gcloud()).startsWith("gcloud "));
        assertThat(first.steps()).anySatisfy(s -> assertThat(s.diffs()).isNotEmpty());
        var run = service.apply(connection, gitlab, first, new PlanExecutor.Listener() { }, () -> false);
        assertThat(run.succeeded()).isTrue();
        SetupReview second = service.review(connection, gitlab, spec(SandboxWif.POOL_ID));
        assertThat(second.noChanges()).isTrue();
        assertThat(second.steps()).extracting(SetupReview.Row::action).containsOnly(Action.NONE);
    }
}
