package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.diagnose.live.JobDiagnosis;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** The latest-failures panel: a GitLab project's recent failed jobs; the one picked is shown in the results. */
public final class LatestFailuresController {
    private LatestFailuresViewModel failures;

    @FXML
    private TextField gitlabUrlField;
    @FXML
    private TextField gitlabProjectField;
    @FXML
    private Button latestFailuresButton;
    @FXML
    private ProgressIndicator failuresBusyIndicator;
    @FXML
    private Label failuresStatusLabel;
    @FXML
    private ListView<JobDiagnosis> failuresList;

    void bind(LatestFailuresViewModel vm) {
        this.failures = vm;
        gitlabUrlField.textProperty().bindBidirectional(failures.gitlabUrlProperty());
        gitlabProjectField.textProperty().bindBidirectional(failures.projectPathProperty());
        failuresStatusLabel.textProperty().bind(failures.statusProperty());
        latestFailuresButton.disableProperty().bind(failures.busyProperty());
        failuresBusyIndicator.visibleProperty().bind(failures.busyProperty());
        failuresList.setItems(failures.jobs());
        failuresList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(JobDiagnosis job, boolean empty) {
                super.updateItem(job, empty);
                setText(null);
                setId(empty || job == null ? null : "job-" + job.id());
                if (empty || job == null) {
                    setGraphic(null);
                    return;
                }
                // a wrapping label as graphic: the excerpt wraps inside the list's width
                Label text = new Label(failures.label(job), new FontIcon(job.failed() ? MaterialDesignC.CLOSE_CIRCLE
                        : job.federationErrorFound() ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignM.MINUS_CIRCLE_OUTLINE));
                text.setWrapText(true);
                text.getStyleClass().add("job-label");
                text.maxWidthProperty().bind(list.widthProperty().subtract(36));
                text.setMinHeight(Region.USE_PREF_SIZE);
                setGraphic(text);
            }
        });
        failuresList.getSelectionModel().selectedItemProperty().addListener((obs, old, job) -> {
            if (job != null) {
                failures.selectedJobProperty().set(job);
            }
        });
        failures.selectedJobProperty().addListener((obs, old, job) -> {
            if (job != null && failuresList.getSelectionModel().getSelectedItem() != job) {
                failuresList.getSelectionModel().select(job);
            }
        });
    }

    @FXML
    private void onLatestFailures() {
        failures.run();
    }
}
