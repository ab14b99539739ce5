package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.IamProviderDirectory;
import dev.wifdesk.diagnose.fix.ClaimsTable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.live.JobDiagnosis;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.OnCaller;
import dev.wifdesk.ui.support.SandboxWif;
import dev.wifdesk.ui.support.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Diagnose the latest failures" against a real sandbox pipeline that failed for real. */
class LatestFailuresViewModelTest {
    private final TestServices t = new TestServices();
    private Sandbox sandbox;
    private SandboxWif wif;
    private GitLabApi gitlab;
    private DiagnosticsViewModel vm;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        wif = SandboxWif.on(sandbox).createProvider(List.of(GitLabSandbox.ISSUER)).createServiceAccount();
        gitlab = wif.gitlab();
        wif.setCiVariables(gitlab);
        LiveServices live = new LiveServices(t.live.serviceAccounts(), t.live.jwks(), t.live.exchange(), t.live.failures(),
                new AuditLog(dir.resolve("audit.jsonl")));
        vm = OnCaller.call(() -> new DiagnosticsViewModel(new EngineDiagnosisService(new DiagnosisEngine()),
                c -> new IamProviderDirectory(c.clients().orElseThrow().iam()), t.state, UiExecutor.inline(), t.messages,
                s -> { }, new ClaimsTable(new CelEngine()), Clock.systemUTC(), live, TestServices.bindingPlanner()));
        OnCaller.run(() -> t.state.connectionProperty().set(wif.connection()));
    }

    @AfterEach
    void stop() {
        gitlab.close();
        sandbox.close();
    }

    @Test
    void prefillsTheSandboxGitLabAndItsSeededProject() {
        LatestFailuresViewModel f = vm.latestFailures();
        assertThat(f.projectPathProperty().get()).isEqualTo(GitLabSandbox.PROJECT_PATH);
        assertThat(f.gitlabUrlProperty().get()).isEqualTo(sandbox.gitlab().baseUrl().toString());
    }

    @Test
    void listsTheFailedJobAndShowsItsDiagnosisInTheLadder() throws Exception {
        String wrong = GitLabSandbox.ISSUER + "/wrong";
        Job job = wif.failingPipeline(gitlab, wrong);
        LatestFailuresViewModel f = vm.latestFailures();

        OnCaller.run(f::run);

        assertThat(f.statusProperty().get()).startsWith("1 failed job, 1 with a federation error, in acme/pipelines.");
        assertThat(f.jobs()).extracting(JobDiagnosis::id).containsExactly(job.getId());
        JobDiagnosis d = f.jobs().get(0);
        assertThat(f.label(d)).startsWith("#" + job.getId() + "  " + job.getName() + "  (main)\n")
                .contains(ErrorTexts.audienceMismatch(wrong));
        // selected first: the screen's own ladder and findings show it
        assertThat(f.selectedJobProperty().get()).isEqualTo(d);
        assertThat(vm.verdictProperty().get()).startsWith("Job #" + job.getId() + ": fail");
        assertThat(vm.stages()).extracting(DiagnosisReport.Stage::name).contains("audience", "error-text");
        assertThat(vm.findings()).extracting(x -> x.code().name()).as(vm.findings().toString())
                .anyMatch(code -> code.startsWith("AUDIENCE_"));
        assertThat(vm.claims()).isEmpty();
        assertThat(vm.findings()).allMatch(x -> vm.proposeFix(x).isEmpty() && vm.proposeBindingFix(x).isEmpty());
    }

    @Test
    void anUnknownProjectOrABadPathIsAnInlineMessage() {
        LatestFailuresViewModel f = vm.latestFailures();
        OnCaller.run(() -> {
            f.projectPathProperty().set("pipelines");
            f.run();
        });
        assertThat(f.statusProperty().get()).isEqualTo("GitLab project: give the full path, group/project.");
        OnCaller.run(() -> {
            f.projectPathProperty().set("acme/nothing-here");
            f.run();
        });
        assertThat(f.statusProperty().get()).isEqualTo("Could not read the failed jobs: GitLab project acme/nothing-here "
                + "not found (or not visible to the token).");
        assertThat(f.jobs()).isEmpty();
    }

    @Test
    void onGoogleCloudTheGitLabTokenComesOnlyFromTheEnvironment() {
        var cloudLike = wif.connection();
        var noSandboxGitLab = new dev.wifdesk.ui.connection.Connection(cloudLike.target(), cloudLike.label(),
                cloudLike.identity(), cloudLike.projects(), cloudLike.clients());
        LatestFailuresViewModel f = OnCaller.call(() -> new LatestFailuresViewModel(new GitLabFailuresSource(() -> null), t.state,
                UiExecutor.inline(), t.messages, job -> { }));
        OnCaller.run(() -> t.state.connectionProperty().set(noSandboxGitLab));
        assertThat(f.statusProperty().get()).startsWith("The GitLab token is read from GITLAB_TOKEN");
        assertThat(f.gitlabUrlProperty().get()).isEqualTo("https://gitlab.com");
        OnCaller.run(() -> {
            f.gitlabUrlProperty().set(sandbox.gitlab().baseUrl().toString());
            f.projectPathProperty().set(GitLabSandbox.PROJECT_PATH);
            f.run();
        });
        assertThat(f.statusProperty().get())
                .isEqualTo("Could not read the failed jobs: no GitLab token: set GITLAB_TOKEN in the environment");
    }
}
