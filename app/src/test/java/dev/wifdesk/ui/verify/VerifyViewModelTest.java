package dev.wifdesk.ui.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.ui.setup.SetupWizardState;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.verify.CheckResult;
import dev.wifdesk.verify.DataflowJob;
import dev.wifdesk.verify.Layer;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The Verify view model against a double of its port, on the inline executor (no toolkit). */
class VerifyViewModelTest {
    private static final Finding WORKER = new Finding(FindingCode.DATAFLOW_WORKER_ROLE_MISSING, Severity.ERROR,
            "the worker lacks roles/dataflow.worker", "gcloud projects add-iam-policy-binding ...", Map.of());

    /** Fails the launch with the worker finding until a fix ran; records what it was asked. */
    private static final class Engine implements VerifyService {
        final List<String> calls = new ArrayList<>();
        final List<List<String>> rowsSeenByListener = new ArrayList<>();
        boolean fixed;
        Set<String> fixedSteps;

        @Override
        public FederationSpec load(Path file) throws Exception {
            calls.add("load " + file.getFileName());
            throw new java.io.IOException("spec.yaml: gcp.project: is required");
        }

        @Override
        public VerifyReport verify(Connection c, Optional<GitLabAccess> gitlab, FederationSpec spec, LaunchMode mode,
                                   VerifyListener l, BooleanSupplier cancelled) {
            calls.add("verify " + mode + " " + spec.gcp().project() + " gitlab=" + gitlab.isPresent());
            CheckResult apis = CheckResult.pass(Layer.PREFLIGHT, "apis", "all four enabled");
            l.started(Layer.PREFLIGHT, "apis");
            l.finished(apis);
            l.started(Layer.LAUNCH, "launch-validate");
            l.waiting(Layer.LAUNCH, "launch-validate", 42, "a binding written 1 min ago");
            CheckResult launch = fixed ? CheckResult.pass(Layer.LAUNCH, "launch-validate", "validateOnly accepted")
                    : CheckResult.fail(Layer.LAUNCH, "launch-validate", "refused", List.of(WORKER), "", List.of("project-roles"));
            l.finished(launch);
            CheckResult pipeline = CheckResult.pass(Layer.PIPELINE, "pipeline", "job 7 passed");
            l.finished(pipeline);
            return new VerifyReport(mode, List.of(apis, launch, pipeline), fixed
                    ? Optional.of(new DataflowJob("2026-11-25_01", "JOB_STATE_DONE", "https://console/x", List.of()))
                    : Optional.empty(), false);
        }

        @Override
        public PlanRun applyFix(Connection c, Optional<GitLabAccess> gitlab, FederationSpec spec, Set<String> stepIds,
                                BooleanSupplier cancelled) {
            fixedSteps = stepIds;
            fixed = true;
            return new PlanRun(List.of(), List.of(), false, List.of());
        }
    }

    private final Engine engine = new Engine();
    private final SetupWizardState wizard = new SetupWizardState();
    private final ConnectionState connection = new ConnectionState();
    private final Messages messages = TestServices.messages();
    private final VerifyViewModel vm = new VerifyViewModel(engine, wizard, connection, UiExecutor.inline(), messages);

    private void wizardHasASpec() {
        FederationSpec s = wizard.spec();
        wizard.setSpec(new FederationSpec(new FederationSpec.Gcp("sandbox-project", s.gcp().pool(), s.gcp().provider(),
                s.gcp().serviceAccount(), s.gcp().grant(), s.gcp().projectRoles()), s.environments(), s.gitlab(),
                s.dataflow()));
    }

    @Test
    void withoutASpecRunSaysWhatToDoAndCallsNothing() {
        connection.connectionProperty().set(TestServices.sandboxConnection());
        vm.start();
        assertThat(vm.specLabelProperty().get()).contains("none yet");
        vm.run();
        assertThat(vm.resultProperty().get()).startsWith("Choose a spec first");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aRunFillsTheChecklistShowsTheCountdownAndTheFindingThenApplyFixRunsItsStepsAndVerifiesAgain() {
        connection.connectionProperty().set(TestServices.sandboxConnection());
        wizardHasASpec();
        vm.start();
        assertThat(vm.specLabelProperty().get()).contains("wizard").contains("sandbox-project");
        vm.modeProperty().set(LaunchMode.RUN);
        List<String> countdowns = new ArrayList<>();
        vm.countdownProperty().subscribe(v -> countdowns.add(v));
        List<Integer> sizes = new ArrayList<>();
        vm.rows().addListener((javafx.collections.ListChangeListener<VerifyViewModel.Row>) ch -> sizes.add(vm.rows().size()));

        vm.run();

        assertThat(engine.calls).containsExactly("verify RUN sandbox-project gitlab=false");
        assertThat(sizes).as("the checklist fills as checks finish").contains(1, 2);
        assertThat(countdowns).anySatisfy(c -> assertThat(c).contains("launch-validate").contains("42 s")
                .contains("a binding written 1 min ago"));
        assertThat(vm.countdownProperty().get()).as("no countdown after the run").isEmpty();
        assertThat(vm.rows()).extracting(VerifyViewModel.Row::name, VerifyViewModel.Row::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("apis", "pass"),
                        org.assertj.core.groups.Tuple.tuple("launch-validate", "fail"),
                        org.assertj.core.groups.Tuple.tuple("pipeline", "pass"));
        assertThat(vm.findings()).containsExactly(WORKER);
        assertThat(vm.resultProperty().get()).isEqualTo("1 check of 3 failed; the findings below say why and how to fix it.");
        assertThat(vm.canApplyFixProperty().get()).isTrue();
        assertThat(vm.jobIdProperty().get()).isEmpty();

        vm.applyFix();

        assertThat(engine.fixedSteps).containsExactly("project-roles");
        assertThat(engine.calls).hasSize(2).last().isEqualTo("verify RUN sandbox-project gitlab=false");
        assertThat(vm.resultProperty().get()).isEqualTo("Verified: all 3 checks passed.");
        assertThat(vm.findings()).isEmpty();
        assertThat(vm.canApplyFixProperty().get()).isFalse();
        assertThat(vm.jobIdProperty().get()).isEqualTo("2026-11-25_01");
        assertThat(vm.jobStateProperty().get()).isEqualTo("JOB_STATE_DONE");
        assertThat(vm.consoleUrlProperty().get()).isEqualTo("https://console/x");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aBadSpecFileIsNamedWithItsRuleAndTheWizardSpecStaysChosen() {
        connection.connectionProperty().set(TestServices.sandboxConnection());
        wizardHasASpec();
        vm.open(Path.of("/tmp/broken.yaml"));
        assertThat(vm.specLabelProperty().get()).isEqualTo("Could not open broken.yaml: spec.yaml: gcp.project: is required");
        vm.run();
        assertThat(engine.calls).containsExactly("load broken.yaml", "verify VALIDATE sandbox-project gitlab=false");
    }

    @Test
    void theWizardsGitLabAccessIsUsedWhenItHasOne() {
        connection.connectionProperty().set(TestServices.sandboxConnection());
        wizardHasASpec();
        wizard.setGitlab(new GitLabAccess("http://127.0.0.1:1", "glpat-x"));
        vm.modeProperty().set(LaunchMode.NONE);
        vm.run();
        assertThat(engine.calls).containsExactly("verify NONE sandbox-project gitlab=true");
    }
}
