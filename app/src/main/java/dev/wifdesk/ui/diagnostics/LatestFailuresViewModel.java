package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.model.GitLabPaths;
import dev.wifdesk.model.HttpUrls;
import dev.wifdesk.diagnose.live.GitLabProjectNotFoundException;
import dev.wifdesk.diagnose.live.JobDiagnosis;
import dev.wifdesk.diagnose.live.LatestFailures;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Diagnose the latest failures" on the Diagnostics screen: the GitLab URL and project path (the
 * sandbox's seeded project in sandbox mode; on Google Cloud the token comes from GITLAB_TOKEN,
 * never from a field), the failed jobs found, and the selected job, whose diagnosis the screen
 * shows in its usual ladder and findings.
 */
public final class LatestFailuresViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LatestFailuresViewModel.class);
    static final String DEFAULT_GITLAB = "https://gitlab.com";

    private final FailuresSource source;
    private final ConnectionState connection;
    private final UiExecutor executor;
    private final Messages messages;

    private final StringProperty gitlabUrl = new SimpleStringProperty(DEFAULT_GITLAB);
    private final StringProperty projectPath = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<JobDiagnosis> jobs = FXCollections.observableArrayList();
    private final ObservableList<JobDiagnosis> readOnlyJobs = FXCollections.unmodifiableObservableList(jobs);
    private final ObjectProperty<JobDiagnosis> selectedJob = new SimpleObjectProperty<>();
    private boolean prefilledFromSandbox;
    private final Subscription connectionWatch;

    LatestFailuresViewModel(FailuresSource source, ConnectionState connection, UiExecutor executor, Messages messages,
                            Consumer<JobDiagnosis> show) {
        this.source = source;
        this.connection = connection;
        this.executor = executor;
        this.messages = messages;
        // the app's connection outlives the screen: this subscription ends with dispose()
        connectionWatch = connection.connectionProperty().subscribe((old, c) -> {
            // the old target's jobs (and the job shown) mean nothing on the new one
            jobs.clear();
            selectedJob.set(null);
            prefill();
        });
        prefill();
        selectedJob.addListener((obs, old, job) -> {
            if (job != null) {
                show.accept(job);
            }
        });
    }

    /** Ends the subscription to the app's connection (the screen is closed). */
    public void dispose() {
        connectionWatch.unsubscribe();
    }

    /** Sandbox: its GitLab and seeded project; Google Cloud: GITLAB_URL's host (or gitlab.com), path left to the user. */
    private void prefill() {
        Optional<Connection> c = connection.current();
        Optional<dev.wifdesk.ui.connection.SandboxGitLab> sandbox = c.flatMap(Connection::sandboxGitLab);
        if (sandbox.isPresent()) {
            gitlabUrl.set(sandbox.get().baseUrl().toString());
            projectPath.set(sandbox.get().projectPath());
            prefilledFromSandbox = true;
        } else if (prefilledFromSandbox) {
            // the sandbox's loopback GitLab means nothing on Google Cloud
            gitlabUrl.set(DEFAULT_GITLAB);
            projectPath.set("");
            prefilledFromSandbox = false;
        }
        status.set(messages.get(c.flatMap(Connection::sandboxGitLab).isPresent() ? "diag.failures.hint.sandbox"
                : "diag.failures.hint.cloud"));
    }

    /** Reads the project's recent failed jobs and diagnoses each, in the background. */
    public void run() {
        String path = projectPath.get() == null ? "" : projectPath.get().trim();
        String url = gitlabUrl.get() == null ? "" : gitlabUrl.get().trim();
        if (!GitLabPaths.isProjectPath(path)) {
            status.set(messages.get("diag.failures.badPath"));
            return;
        }
        if (!HttpUrls.isHttp(url)) {
            status.set(messages.get("diag.failures.badUrl"));
            return;
        }
        Optional<Connection> conn = connection.current();
        if (conn.isEmpty() || conn.get().clients().isEmpty()) {
            status.set(messages.get("diag.failures.noConnection"));
            return;
        }
        busy.set(true);
        jobs.clear();
        selectedJob.set(null);
        status.set(messages.get("diag.failures.running", path));
        executor.run(Work.of(() -> source.diagnose(conn.get(), url, path))
                // read for the target the user switched away from: dropped
                .boundTo(connection.connectionProperty()::get)
                .onSuccess(r -> {
                    jobs.setAll(r.jobs());
                    long diagnosed = r.jobs().stream().filter(JobDiagnosis::federationErrorFound).count();
                    status.set(messages.get("diag.failures.count", r.jobs().size(), diagnosed, path)
                            + (r.notes().isEmpty() ? "" : " " + String.join(" ", r.notes())));
                    LOG.info("Latest failures of {}: {} failed jobs, {} with a federation error", path, r.jobs().size(), diagnosed);
                    r.jobs().stream().filter(JobDiagnosis::federationErrorFound).findFirst().ifPresent(selectedJob::set);
                })
                .onFailure(t -> {
                    String why = t instanceof GitLabProjectNotFoundException ? messages.get("diag.failures.notFound", path)
                            : ClientErrors.oneLine(t);
                    LOG.warn("Latest failures of {} could not be read: {}", path, why);
                    status.set(messages.get("diag.failures.failed", why));
                })
                .onFinally(() -> busy.set(false)));
    }


    /** One line per job for the list: #id name (ref), then the recognised error excerpt. */
    public String label(JobDiagnosis job) {
        String head = "#" + job.id() + "  " + job.name() + "  (" + job.ref() + ")";
        String excerpt = job.excerpt() == null || job.excerpt().isBlank() ? messages.get("diag.failures.noExcerpt")
                : job.excerpt().lines().findFirst().orElse("");
        return head + "\n" + excerpt;
    }

    public StringProperty gitlabUrlProperty() {
        return gitlabUrl;
    }

    public StringProperty projectPathProperty() {
        return projectPath;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<JobDiagnosis> jobs() {
        return readOnlyJobs;
    }

    public ObjectProperty<JobDiagnosis> selectedJobProperty() {
        return selectedJob;
    }
}
