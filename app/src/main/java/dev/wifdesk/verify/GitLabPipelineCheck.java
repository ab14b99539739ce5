package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupStepIds;
import com.google.api.services.dataflow.model.Job;
import com.google.api.services.dataflow.model.JobMessage;
import dev.wifdesk.audit.Redactor;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.ErrorCatalogue;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Pipeline;

/**
 * {@code --launch run} through gitlab4j: creates a pipeline on the spec's ref, follows it and its
 * job to the end (with a timeout and cancel), reads the trace, finds the Dataflow job id in it and
 * follows that job (as the operator) to JOB_STATE_DONE, or to FAILED with Dataflow's job messages.
 * A failed trace goes to the diagnosis engine; its findings are the check's.
 */
public final class GitLabPipelineCheck implements PipelineCheck {
    /** A Dataflow job id as Dataflow makes them, e.g. {@code 2025-01-26_06_34_03-13881126003586053150}. */
    static final Pattern DATAFLOW_JOB_ID = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2}_\\d{2}_\\d{2}_\\d{2}-\\d{5,20})\\b");
    private static final Pattern ERROR_LINE = Pattern.compile("(?i)\\berror\\b|denied|not set|failed|refused");
    private static final Set<String> PIPELINE_DONE = Set.of("success", "failed", "canceled", "skipped", "manual");
    private static final Set<String> JOB_DONE = Set.of("JOB_STATE_DONE", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED",
            "JOB_STATE_UPDATED", "JOB_STATE_DRAINED");

    private final GitLabApi gitlab;
    private final GoogleClients google;
    private final DiagnosisEngine engine;
    private final VerifyTiming timing;
    private final Waiting waiting;

    GitLabPipelineCheck(GitLabApi gitlab, GoogleClients google, DiagnosisEngine engine, VerifyTiming timing, Waiting waiting) {
        this.gitlab = gitlab;
        this.google = google;
        this.engine = engine;
        this.timing = timing;
        this.waiting = waiting;
    }

    @Override
    public Result run(SetupValues v, VerifyListener listener, BooleanSupplier cancelled) {
        List<CheckResult> out = new ArrayList<>();
        String project = v.gitlabProjectPath();
        String ref = v.spec().gitlab().map(g -> g.ref()).orElse("main");
        listener.started(Layer.PIPELINE, CheckNames.PIPELINE);
        Pipeline pipeline;
        try {
            pipeline = gitlab.getPipelineApi().createPipeline(project, ref);
        } catch (GitLabApiException | RuntimeException e) {
            String why = refused(e, project, ref);
            boolean noJob = why.contains("Missing CI config file") || why.contains("at least one visible job");
            boolean planned = !"none".equals(v.spec().gitlab().map(g -> g.verificationJob()).orElse("none"));
            return finish(out, listener, CheckResult.fail(Layer.PIPELINE, CheckNames.PIPELINE, why, List.of(), "",
                    noJob && planned ? List.of(SetupStepIds.CI_FILE) : List.of()), Optional.empty());
        }
        Instant deadline = waiting.now().plus(timing.pipelineTimeout());
        String status = pipeline.getStatus() == null ? "" : pipeline.getStatus().toValue();
        while (!PIPELINE_DONE.contains(status)) {
            if (!waiting.now().isBefore(deadline) || !waiting.pause(timing.pollEvery(), deadline, cancelled,
                    left -> listener.waiting(Layer.PIPELINE, CheckNames.PIPELINE, left, "pipeline running"))) {
                String why = cancelled.getAsBoolean() ? "cancelled" : "timed out after " + timing.pipelineTimeout().toSeconds() + " s";
                return finish(out, listener, new CheckResult(Layer.PIPELINE, CheckNames.PIPELINE, CheckStatus.WAITING,
                        "pipeline " + pipeline.getId() + " still " + status + ": " + why + " (" + pipeline.getWebUrl() + ")",
                        List.of(), "", List.of()), Optional.empty());
            }
            try {
                Pipeline now = gitlab.getPipelineApi().getPipeline(project, pipeline.getId());
                status = now.getStatus() == null ? "" : now.getStatus().toValue();
            } catch (GitLabApiException | RuntimeException e) {
                return finish(out, listener, CheckResult.fail(Layer.PIPELINE, CheckNames.PIPELINE,
                        GitLabErrors.describe(gitlab, "read pipeline " + pipeline.getId(), e), List.of(), "", List.of()),
                        Optional.empty());
            }
        }
        String where = "pipeline " + pipeline.getId() + " on " + ref + " (" + pipeline.getWebUrl() + ")";
        out.add(note(listener, "success".equals(status) ? CheckResult.pass(Layer.PIPELINE, CheckNames.PIPELINE, where + ": success")
                : CheckResult.fail(Layer.PIPELINE, CheckNames.PIPELINE, where + ": " + status, List.of(), "", List.of())));
        return jobAndDataflow(v, pipeline.getId(), out, listener, cancelled)
                .with(new PipelineRun(pipeline.getId(), status, String.valueOf(pipeline.getWebUrl())));
    }

    /** Why GitLab would not create the pipeline, with what to do (GitLab's own words quoted). */
    private String refused(Exception e, String project, String ref) {
        String text = e instanceof GitLabApiException g && g.getHttpStatus() == 400 ? String.valueOf(g.getMessage()) : "";
        if (text.contains("Reference not found")) {
            return "GitLab has no ref '" + ref + "' in " + project + " (Reference not found): set gitlab.ref in the spec to"
                    + " an existing branch";
        }
        if (text.contains("Missing CI config file")) {
            return "GitLab found no " + GitLabFacts.CI_CONFIG_PATH + " on " + ref + " of " + project + " (Missing CI config"
                    + " file): commit the verification job (apply with gitlab.verificationJob: commit, or merge the merge"
                    + " request apply opened, or 'wifdesk export --to gitlab-ci')";
        }
        if (!text.isEmpty()) {
            return "GitLab refused a pipeline on " + ref + " of " + project + ": " + ClientErrors.firstLine(text)
                    + " (fix " + GitLabFacts.CI_CONFIG_PATH + "; 'wifdesk export --to gitlab-ci' prints the verification job)";
        }
        return GitLabErrors.describe(gitlab, "create a pipeline on " + ref + " of " + project, e);
    }

    private Result jobAndDataflow(SetupValues v, long pipelineId, List<CheckResult> out, VerifyListener listener,
                                  BooleanSupplier cancelled) {
        String project = v.gitlabProjectPath();
        listener.started(Layer.PIPELINE, CheckNames.CI_JOB);
        org.gitlab4j.api.models.Job job = null;
        String trace = "";
        try {
            for (org.gitlab4j.api.models.Job j : gitlab.getJobApi().getJobsForPipeline(project, pipelineId)) {
                String t = Optional.ofNullable(gitlab.getJobApi().getTrace(project, j.getId())).orElse("");
                if (job == null || DATAFLOW_JOB_ID.matcher(t).find() || t.contains("sts.googleapis.com")) {
                    job = j;
                    trace = t;
                }
            }
        } catch (GitLabApiException | RuntimeException e) {
            return finish(out, listener, CheckResult.fail(Layer.PIPELINE, CheckNames.CI_JOB,
                    GitLabErrors.describe(gitlab, "read the jobs of pipeline " + pipelineId, e), List.of(), "", List.of()),
                    Optional.empty());
        }
        if (job == null) {
            return finish(out, listener, CheckResult.fail(Layer.PIPELINE, CheckNames.CI_JOB, "pipeline " + pipelineId
                    + " ran no job: commit the verification job to " + GitLabFacts.CI_CONFIG_PATH
                    + " ('wifdesk export --to gitlab-ci')", List.of(), "", List.of()), Optional.empty());
        }
        Matcher id = DATAFLOW_JOB_ID.matcher(trace);
        String plain = ErrorCatalogue.withoutLogMarkup(trace);
        boolean ok = job.getStatus() != null && "success".equals(job.getStatus().toValue());
        String evidence = "job " + job.getId() + " (" + job.getName() + ") " + job.getStatus() + " (" + job.getWebUrl() + ")"
                + evidence(plain) + (ok ? "" : errorLines(plain));
        out.add(note(listener, ok ? CheckResult.pass(Layer.PIPELINE, CheckNames.CI_JOB, evidence)
                : CheckResult.fail(Layer.PIPELINE, CheckNames.CI_JOB, evidence, diagnose(v, trace), "", List.of())));
        if (!id.find()) {
            return finish(out, listener, CheckResult.fail(Layer.PIPELINE, CheckNames.DATAFLOW_JOB, "the job's trace names no"
                    + " Dataflow job (it failed before the launch)", List.of(), "", List.of()), Optional.empty());
        }
        listener.started(Layer.PIPELINE, CheckNames.DATAFLOW_JOB);
        return followDataflow(v, id.group(1), out, listener, cancelled);
    }

    private Result followDataflow(SetupValues v, String jobId, List<CheckResult> out, VerifyListener listener,
                                  BooleanSupplier cancelled) {
        var d = v.spec().dataflow().orElseThrow();
        String console = DataflowJob.consoleUrl(d.region(), jobId, v.projectId());
        Instant deadline = waiting.now().plus(timing.pipelineTimeout());
        String state = "";
        try {
            while (true) {
                Job job = google.dataflow().projects().locations().jobs().get(v.projectId(), d.region(), jobId).execute();
                state = job.getCurrentState() == null ? "" : job.getCurrentState();
                if (JOB_DONE.contains(state) || !waiting.now().isBefore(deadline) || !waiting.pause(timing.pollEvery(),
                        deadline, cancelled, left -> listener.waiting(Layer.PIPELINE, CheckNames.DATAFLOW_JOB, left,
                                "Dataflow job running"))) {
                    break;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return finish(out, listener, CheckResult.fail(Layer.PIPELINE, CheckNames.DATAFLOW_JOB, "cannot read Dataflow job "
                    + jobId + ": " + ClientErrors.oneLine(e), List.of(), "", List.of()),
                    Optional.of(new DataflowJob(jobId, state, console, List.of())));
        }
        if ("JOB_STATE_DONE".equals(state)) {
            return finish(out, listener, CheckResult.pass(Layer.PIPELINE, CheckNames.DATAFLOW_JOB, "Dataflow job " + jobId
                    + " reached JOB_STATE_DONE (" + console + ")"), Optional.of(new DataflowJob(jobId, state, console, List.of())));
        }
        List<String> messages = messages(v, d.region(), jobId);
        String text = String.join("\n", messages);
        CheckStatus status = JOB_DONE.contains(state) ? CheckStatus.FAIL : CheckStatus.WAITING;
        return finish(out, listener, new CheckResult(Layer.PIPELINE, CheckNames.DATAFLOW_JOB, status, "Dataflow job " + jobId
                + " " + (status == CheckStatus.WAITING ? "still " : "ended in ") + state + " (" + console + ")"
                + (messages.isEmpty() ? "" : ": " + messages.get(messages.size() - 1)), text.isEmpty() ? List.of()
                : diagnose(v, text), "", List.of()), Optional.of(new DataflowJob(jobId, state, console, messages)));
    }

    /** Dataflow's messages of the job (JOB_MESSAGE_DETAILED and up), oldest first, as "IMPORTANCE: text". */
    private List<String> messages(SetupValues v, String region, String jobId) {
        try {
            var answer = google.dataflow().projects().locations().jobs().messages().list(v.projectId(), region, jobId)
                    .setMinimumImportance("JOB_MESSAGE_DETAILED").execute();
            List<String> out = new ArrayList<>();
            if (answer.getJobMessages() != null) {
                for (JobMessage m : answer.getJobMessages()) {
                    out.add(m.getMessageImportance() + ": " + m.getMessageText());
                }
            }
            return out;
        } catch (java.io.IOException | RuntimeException e) {
            return List.of("(cannot read the job's messages: " + ClientErrors.oneLine(e) + ")");
        }
    }

    private List<Finding> diagnose(SetupValues v, String text) {
        List<Finding> all = engine.diagnose(DiagnosisInput.builder().errorText(text).projectNumber(v.projectNumber())
                .projectId(v.projectId()).stsAudience(v.providerAudience())
                .serviceAccount(v.serviceAccounts().get(0).email())
                .workerServiceAccount(v.serviceAccounts().get(0).email()).build()).findings();
        List<Finding> errors = all.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        return errors.isEmpty() ? all : errors;
    }

    /** The (plain) trace's lines that show the exchange, the impersonation and the launch (never a token: GitLab masks it). */
    private static String evidence(String trace) {
        List<String> lines = new ArrayList<>();
        for (String line : trace.split("\\R")) {
            String l = line.strip();
            if (l.contains("sts.googleapis.com") || l.toLowerCase(java.util.Locale.ROOT).contains("impersonat")
                    || DATAFLOW_JOB_ID.matcher(l).find()) {
                lines.add(Redactor.redact(l.length() > 300 ? l.substring(0, 300) : l));
            }
            if (lines.size() >= 4) {
                break;
            }
        }
        return lines.isEmpty() ? "" : "; trace: " + String.join(" | ", lines);
    }

    /** The trace's last error lines (the cause a user looks for), without the runner's closing "Job failed" line. */
    private static String errorLines(String trace) {
        List<String> errors = new ArrayList<>();
        for (String line : trace.split("\\R")) {
            String l = line.strip();
            if (ERROR_LINE.matcher(l).find() && !l.startsWith("ERROR: Job failed")) {
                errors.add(Redactor.redact(l.length() > 400 ? l.substring(0, 400) : l));
            }
        }
        List<String> last = errors.subList(Math.max(0, errors.size() - 3), errors.size());
        return last.isEmpty() ? "" : "; errors: " + String.join(" | ", last);
    }

    private static CheckResult note(VerifyListener listener, CheckResult r) {
        listener.finished(r);
        return r;
    }

    private static Result finish(List<CheckResult> out, VerifyListener listener, CheckResult last, Optional<DataflowJob> job) {
        out.add(note(listener, last));
        return new Result(out, job);
    }

}
