package dev.wifdesk.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cli.WifdeskCommand;
import dev.wifdesk.export.GitLabCiSchema;
import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Navigator;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.support.Screenshots;
import dev.wifdesk.ui.support.Scroll;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The wizard's Save and export buttons clicked on Monocle, the file dialog answered by the test:
 * each export is written, parses as its tool reads it (bash -n, hcl4j, GitLab's CI schema, JSON),
 * carries the spec's pool id and audience, is byte for byte what {@code wifdesk export} writes for
 * the saved spec, and holds no token; an unwritable path gives a message naming the file.
 */
@ExtendWith(ApplicationExtension.class)
class SetupWizardExportTest {
    private static final String TOKEN = "sandbox-token";
    private final FakeSetupService service = new FakeSetupService();
    private final ConnectionState connection = new ConnectionState();
    private final Messages messages = Messages.load(Locale.ROOT);
    /** The paths the "dialog" answers with, in order; what it was asked, for the checks. */
    private final Deque<Path> answers = new ArrayDeque<>();
    private final List<FileDialogs.Choice> asked = new java.util.ArrayList<>();
    @TempDir
    Path dir;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        connection.connectionProperty().set(SetupWizardViewModelTest.sandbox());
        SetupWizardViewModel vm = SetupWizardViewModel.create(service, connection, new Navigator(), UiExecutor.inline(),
                messages, new CelEngine());
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Optional<Path> open(Window owner, Choice choice) {
                asked.add(choice);
                return Optional.ofNullable(answers.poll());
            }

            @Override
            public Optional<Path> save(Window owner, Choice choice) {
                asked.add(choice);
                return Optional.ofNullable(answers.poll());
            }
        };
        WizardScene.show(stage, vm, messages, dialogs);
    }

    private boolean visible(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Node.class).isVisible();
    }

    private void walkToReview(FxRobot robot) {
        for (SetupStep s : List.of(SetupStep.CONNECT, SetupStep.PROJECT, SetupStep.POOL_PROVIDER,
                SetupStep.ENVIRONMENTS, SetupStep.ACCESS, SetupStep.GITLAB)) {
            assertThat(visible(robot, "#exportBox")).as("no export before Review (%s)", s).isFalse();
            if (s == SetupStep.ENVIRONMENTS) {
                robot.clickOn("#envNameField").write("production");
                robot.clickOn("#envProtectedCheck");
                robot.clickOn("#addEnvButton");
            }
            robot.clickOn("#nextButton");
        }
        assertThat(visible(robot, "#" + SetupStep.REVIEW.paneId())).isTrue();
    }

    private String status(FxRobot robot) {
        return robot.lookup("#fileStatusLabel").queryAs(Label.class).getText();
    }

    private Path click(FxRobot robot, String button, Path answer) {
        answers.add(answer);
        Scroll.into(robot, button);
        robot.clickOn(button);
        return answer;
    }

    /** What {@code wifdesk export --spec SPEC --to TARGET --out FILE} writes (cred-config with the Project step's number). */
    private String cli(Path spec, String target) throws Exception {
        Path out = dir.resolve("cli-" + target);
        StringWriter err = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("export", "--spec", spec.toString(), "--to", target,
                "--out", out.toString()));
        if (target.equals("cred-config")) {
            args.addAll(List.of("--project-number", FakeSetupService.NUMBER));
        }
        assertThat(WifdeskCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                args.toArray(String[]::new))).as(err.toString()).isZero();
        return Files.readString(out);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachExportButtonWritesWhatWifdeskExportWritesForTheWizardsSpec(FxRobot robot) throws Exception {
        walkToReview(robot);
        assertThat(visible(robot, "#exportBox")).isTrue();
        Path spec = click(robot, "#saveButton", dir.resolve("spec.yaml"));
        assertThat(status(robot)).isEqualTo("Saved spec.yaml; the token is not in it.");
        FederationSpec saved = new SpecParser(new SpecValidator(new CelEngine())).load(spec);
        SetupValues values = new SetupValues(saved, FakeSetupService.NUMBER);
        assertThat(values.poolId()).isEqualTo("gitlab-ci");

        Path gcloud = click(robot, "#exportGcloudButton", dir.resolve("setup.sh"));
        assertThat(asked.get(asked.size() - 1).initialName()).isEqualTo("wif-setup.sh");
        assertThat(status(robot)).isEqualTo("Exported gcloud to " + gcloud + "; no token is in it.");
        Path terraform = click(robot, "#exportTerraformButton", dir.resolve("main.tf"));
        Path gitlabCi = click(robot, "#exportGitLabCiButton", dir.resolve("job.yml"));
        Path credConfig = click(robot, "#exportCredConfigButton", dir.resolve("cred.json"));
        Screenshots.save(stage.getScene(), "setup_export");
        assertThat(status(robot)).isEqualTo("Exported cred-config to " + credConfig + "; no token is in it.");

        Map<String, Path> files = Map.of("gcloud", gcloud, "terraform", terraform, "gitlab-ci", gitlabCi,
                "cred-config", credConfig);
        for (var e : files.entrySet()) {
            String text = Files.readString(e.getValue());
            assertThat(text).as(e.getKey()).isEqualTo(cli(spec, e.getKey())).doesNotContain(TOKEN);
        }
        assertThat(Files.isExecutable(gcloud)).isTrue();

        Process bash = new ProcessBuilder("bash", "-n", gcloud.toString()).redirectErrorStream(true).start();
        String bashSays = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as("bash -n: %s", bashSays).isZero();
        assertThat(Files.readString(gcloud)).contains("create gitlab-ci").contains(values.poolId());

        Map<String, Object> hcl = new HCLParser().parse(Files.readString(terraform));
        Map<String, Object> pool = ((Map<String, Map<String, Object>>) ((Map<String, Object>) hcl.get("resource"))
                .get("google_iam_workload_identity_pool")).values().iterator().next();
        assertThat(pool).containsEntry("workload_identity_pool_id", values.poolId());

        String job = Files.readString(gitlabCi);
        assertThat(GitLabCiSchema.validate(job)).isEmpty();
        JsonNode jobs = new YAMLMapper().readTree(job);
        assertThat(jobs.path(VerificationJobYaml.jobName("production")).path("id_tokens")
                .path(VerificationJobYaml.TOKEN_VARIABLE).path("aud").asText()).isEqualTo("$WIF_ID_TOKEN_AUD");

        JsonNode cred = new ObjectMapper().readTree(Files.readString(credConfig));
        assertThat(cred.path("audience").asText()).isEqualTo(values.providerAudience())
                .contains("/workloadIdentityPools/" + values.poolId() + "/");
    }

    @Test
    void anUnwritablePathIsNamedInTheMessageAndNothingIsWritten(FxRobot robot) throws Exception {
        walkToReview(robot);
        Path missing = dir.resolve("no-such-dir").resolve("setup.tf");
        click(robot, "#exportTerraformButton", missing);
        assertThat(status(robot)).startsWith("Could not export terraform to " + missing + ":")
                .contains("does not exist");
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        readOnly.toFile().setWritable(false);
        Path inReadOnly = readOnly.resolve("setup.sh");
        click(robot, "#exportGcloudButton", inReadOnly);
        if (!readOnly.toFile().canWrite()) { // root may write anywhere: then only the missing directory is checked
            assertThat(status(robot)).startsWith("Could not export gcloud to " + inReadOnly + ":");
            assertThat(inReadOnly).doesNotExist();
        }
        readOnly.toFile().setWritable(true);
        Screenshots.save(stage.getScene(), "setup_export_failed");
    }
}
