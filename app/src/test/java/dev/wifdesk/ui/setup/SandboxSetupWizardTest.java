package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import dev.wifdesk.cloud.GoogleClients;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.plan.CiConfigFile;
import java.time.Instant;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.PipelineStatus;
import org.gitlab4j.models.Constants;
import dev.wifdesk.ui.MainWindow;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.connection.StartupConnectionService;
import dev.wifdesk.ui.core.View;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.Scroll;
import dev.wifdesk.ui.support.TestServices;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The whole wizard clicked through in the app against the REAL in-process sandbox and the real
 * setup engine: every step, Review's plan, Apply; the sandbox then holds the pool, provider,
 * service accounts, their bindings, the CI/CD variables and the merge request with the job (its URL
 * shown); merged, a pipeline on main runs the job and passes; a second walk reviews "no changes".
 */
@ExtendWith(ApplicationExtension.class)
class SandboxSetupWizardTest {
    private final TestServices t = new TestServices();
    private StartupConnectionService service;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        t.clock = Clock.systemUTC();
        service = TestServices.embeddedSandbox();
        MainWindow.show(stage, t.buildLive(service), true);
    }

    @Stop
    void stop() {
        service.close();
    }

    private boolean shown(FxRobot robot, SetupStep step) {
        return robot.lookup("#" + step.paneId()).queryAs(Node.class).isVisible();
    }

    private String problems(FxRobot robot) {
        return robot.lookup("#problemsLabel").queryAs(Label.class).getText();
    }

    /** Next through the steps up to Review, checking each is shown and valid. */
    private void walkToReview(FxRobot robot, boolean screenshots) {
        for (SetupStep s : List.of(SetupStep.CONNECT, SetupStep.PROJECT, SetupStep.POOL_PROVIDER,
                SetupStep.ENVIRONMENTS, SetupStep.ACCESS, SetupStep.GITLAB)) {
            assertThat(shown(robot, s)).as(s + " shown").isTrue();
            if (s == SetupStep.ENVIRONMENTS && screenshots) {
                robot.clickOn("#envNameField").write("production");
                robot.clickOn("#envProtectedCheck");
                robot.clickOn("#addEnvButton");
            }
            assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).as("Next on %s: %s", s, problems(robot))
                    .isFalse();
            if (screenshots) {
                Screenshots.save(stage.getScene(), "setup_sandbox_" + s.name().toLowerCase(java.util.Locale.ROOT));
            }
            robot.clickOn("#nextButton");
        }
        assertThat(shown(robot, SetupStep.REVIEW)).isTrue();
    }

    @Test
    void walkTheWizardApplyThenASecondWalkShowsNoChanges(FxRobot robot) throws Exception {
        robot.clickOn("#" + View.SETUP_WIZARD.navId());
        Connection c = t.state.current().orElseThrow();
        GoogleClients google = c.clients().orElseThrow();
        SandboxGitLab sandboxGitLab = c.sandboxGitLab().orElseThrow();
        String project = c.project().orElseThrow().projectId();
        String number = c.project().orElseThrow().projectNumber();

        walkToReview(robot, true);
        String status = robot.lookup("#reviewStatusLabel").queryAs(Label.class).getText();
        assertThat(status).as("review: %s", problems(robot)).endsWith("changes planned.");
        assertThat(robot.lookup("#review-step-pool").tryQuery()).isPresent();
        assertThat(robot.lookup("#review-step-provider").tryQuery()).isPresent();
        Screenshots.save(stage.getScene(), "setup_sandbox_review");
        String poolName = ResourceNames.poolName(number, "gitlab-ci");
        assertThat(dev.wifdesk.plan.IamResources.poolAction(google, poolName))
                .as("nothing changes before Apply").isEqualTo(dev.wifdesk.plan.Action.CREATE);

        Scroll.click(robot, "#applyButton");
        assertThat(shown(robot, SetupStep.APPLY)).isTrue();
        String result = robot.lookup("#resultLabel").queryAs(Label.class).getText();
        assertThat(result).startsWith("Done:");
        Screenshots.save(stage.getScene(), "setup_sandbox_apply");

        var pools = google.iam().projects().locations().workloadIdentityPools();
        assertThat(pools.get(poolName).execute().getState()).isEqualTo("ACTIVE");
        var provider = pools.providers().get(ResourceNames.providerName(number, "gitlab-ci", "gitlab")).execute();
        assertThat(provider.getOidc().getIssuerUri()).isEqualTo(sandboxGitLab.issuer());
        assertThat(provider.getAttributeCondition()).contains("assertion.namespace_path == \"acme\"");
        for (String sa : List.of("gitlab-dataflow", "gitlab-dataflow-production")) {
            String email = sa + "@" + project + ".iam.gserviceaccount.com";
            var policy = google.iam().projects().serviceAccounts()
                    .getIamPolicy("projects/" + project + "/serviceAccounts/" + email).execute();
            assertThat(policy.getBindings()).as(sa).extracting(Binding::getRole).contains("roles/iam.workloadIdentityUser");
        }
        try (GitLabApi gitlab = new GitLabApi(sandboxGitLab.baseUrl().toString(), sandboxGitLab.token())) {
            Map<String, String> vars = gitlab.getProjectApi().getVariables(sandboxGitLab.projectPath()).stream()
                    .collect(Collectors.toMap(v -> v.getKey() + "@" + v.getEnvironmentScope(), Variable::getValue,
                            (a, b) -> a));
            assertThat(vars).containsEntry("WIF_SERVICE_ACCOUNT@*", "gitlab-dataflow@" + project + ".iam.gserviceaccount.com")
                    .containsEntry("WIF_SERVICE_ACCOUNT@production",
                            "gitlab-dataflow-production@" + project + ".iam.gserviceaccount.com")
                    .containsKey("WIF_PROVIDER@*");
        }
        assertThat(robot.lookup("#verifyButton").queryButton().isDisabled()).isFalse();
        mergeTheRequestAndRunAPipeline(robot, sandboxGitLab, provider);

        // a second walk from the start: the same state, nothing left to change
        while (!shown(robot, SetupStep.CONNECT)) {
            Scroll.click(robot, "#backButton");
        }
        walkToReview(robot, false);
        assertThat(robot.lookup("#reviewStatusLabel").queryAs(Label.class).getText())
                .isEqualTo("No changes: everything is already as the spec says.");
        assertThat(robot.lookup("#applyButton").queryButton().isDisabled()).isTrue();
        Screenshots.save(stage.getScene(), "setup_sandbox_no_changes");
    }

    /**
     * The merge request apply opened (its URL shown in the result) carries the verification job with
     * the spec's audience and keeps the seeded jobs as they were; merged, a pipeline on the default
     * branch runs that job and passes.
     */
    @SuppressWarnings("unchecked")
    private void mergeTheRequestAndRunAPipeline(FxRobot robot, SandboxGitLab sandboxGitLab,
                                                WorkloadIdentityPoolProvider provider) throws Exception {
        String projectPath = sandboxGitLab.projectPath();
        try (GitLabApi gitlab = new GitLabApi(sandboxGitLab.baseUrl().toString(), sandboxGitLab.token())) {
            List<MergeRequest> open = gitlab.getMergeRequestApi().getMergeRequests(projectPath,
                    Constants.MergeRequestState.OPENED);
            assertThat(open).hasSize(1);
            MergeRequest mr = open.get(0);
            assertThat(mr.getSourceBranch()).isEqualTo(CiConfigFile.BRANCH);
            assertThat(mr.getTargetBranch()).isEqualTo("main");
            Label shownUrl = robot.lookup("#mergeRequestLabel").queryAs(Label.class);
            assertThat(shownUrl.isVisible()).isTrue();
            assertThat(shownUrl.getText()).endsWith(mr.getWebUrl());

            Map<String, Object> onMain = yaml(CiConfigFile.read(gitlab, projectPath, "main").orElseThrow());
            Map<String, Object> onBranch = yaml(CiConfigFile.read(gitlab, projectPath, mr.getSourceBranch()).orElseThrow());
            String job = VerificationJobYaml.jobName("production");
            assertThat(onMain).containsKeys("build", "unit-tests").doesNotContainKey(job);
            assertThat(onBranch.get("build")).as("seeded job kept").isEqualTo(onMain.get("build"));
            assertThat(onBranch.get("unit-tests")).as("seeded job kept").isEqualTo(onMain.get("unit-tests"));
            assertThat((List<Object>) onBranch.get("stages")).containsAll((List<Object>) onMain.get("stages"));
            @SuppressWarnings("unchecked")
            Map<String, Object> verification = (Map<String, Object>) onBranch.get(job);
            assertThat(verification).as("%s on the branch", job).isNotNull().containsEntry("environment", "production");
            assertThat(verification.get("id_tokens")).isEqualTo(Map.of(VerificationJobYaml.TOKEN_VARIABLE,
                    Map.of("aud", "$" + CiContract.ID_TOKEN_AUD)));
            List<String> audiences = provider.getOidc().getAllowedAudiences();
            String audience = audiences == null || audiences.isEmpty()
                    ? "https:" + CiContract.providerValue(provider.getName()) : audiences.get(0);
            assertThat(gitlab.getProjectApi().getVariables(projectPath)).filteredOn(v -> v.getKey().equals(CiContract.ID_TOKEN_AUD))
                    .as("the aud the job asks for is the spec's").isNotEmpty().allMatch(v -> v.getValue().equals(audience));

            gitlab.getMergeRequestApi().acceptMergeRequest(projectPath, mr.getIid());
            assertThat(yaml(CiConfigFile.read(gitlab, projectPath, "main").orElseThrow())).isEqualTo(onBranch);

            long pipeline = gitlab.getPipelineApi().createPipeline(projectPath, "main").getId();
            Instant deadline = Instant.now().plusSeconds(120);
            Pipeline p = gitlab.getPipelineApi().getPipeline(projectPath, pipeline);
            while (p.getStatus() == PipelineStatus.CREATED || p.getStatus() == PipelineStatus.PENDING
                    || p.getStatus() == PipelineStatus.RUNNING) {
                assertThat(Instant.now()).as("pipeline %s still %s", pipeline, p.getStatus()).isBefore(deadline);
                Thread.sleep(100);
                p = gitlab.getPipelineApi().getPipeline(projectPath, pipeline);
            }
            Map<String, JobStatus> jobs = gitlab.getJobApi().getJobsForPipeline(projectPath, pipeline).stream()
                    .collect(Collectors.toMap(Job::getName, Job::getStatus));
            assertThat(jobs).as("jobs of pipeline %s", pipeline).containsEntry(job, JobStatus.SUCCESS)
                    .containsEntry("build", JobStatus.SUCCESS).containsEntry("unit-tests", JobStatus.SUCCESS);
            assertThat(p.getStatus()).isEqualTo(PipelineStatus.SUCCESS);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
    }
}
