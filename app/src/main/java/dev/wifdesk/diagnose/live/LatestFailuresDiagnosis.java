package dev.wifdesk.diagnose.live;

import dev.wifdesk.audit.Redactor;
import dev.wifdesk.cloud.GitLabFailedJobs;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.ErrorMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;

/**
 * "Diagnose the latest failures": reads a GitLab project's recent failed jobs and their logs,
 * finds the federation error texts in each, learns the job's provider and service account from
 * its CI/CD variables, reads the live provider, pool and service-account policy from Google, and
 * diagnoses each job against them. Live lookups that fail become notes, never exceptions.
 */
public final class LatestFailuresDiagnosis {
    public static final int DEFAULT_LIMIT = 20;
    static final String CI_CONFIG_PATH = ".gitlab-ci.yml";

    private final GitLabApi gitlab;
    private final GoogleClients google;
    private final DiagnosisEngine engine;

    public LatestFailuresDiagnosis(GitLabApi gitlab, GoogleClients google, DiagnosisEngine engine) {
        this.gitlab = gitlab;
        this.google = google;
        this.engine = engine;
    }

    public LatestFailures diagnose(String projectPath) throws GitLabProjectNotFoundException, GitLabReadException {
        return diagnose(projectPath, DEFAULT_LIMIT);
    }

    public LatestFailures diagnose(String projectPath, int limit) throws GitLabProjectNotFoundException, GitLabReadException {
        List<GitLabFailedJobs.FailedJob> failed = failedJobs(projectPath, limit);
        Set<String> notes = new LinkedHashSet<>();
        if (failed.isEmpty()) {
            notes.add("No failed jobs in the recent history of " + projectPath + ".");
        }
        JobVariables variables = new JobVariables(gitlab, projectPath, notes::add);
        LiveFederationLookup live = new LiveFederationLookup(google);
        Map<String, Optional<String>> ciConfigs = new HashMap<>();
        List<JobDiagnosis> jobs = new ArrayList<>();
        for (GitLabFailedJobs.FailedJob job : failed) {
            jobs.add(diagnoseJob(projectPath, job, variables, live, ciConfigs));
        }
        return new LatestFailures(projectPath, jobs, new ArrayList<>(notes));
    }

    private JobDiagnosis diagnoseJob(String projectPath, GitLabFailedJobs.FailedJob job, JobVariables variables,
                                     LiveFederationLookup live, Map<String, Optional<String>> ciConfigs) {
        // masked at the source: the runner masks tokens, this catches any it missed
        String trace = Redactor.redact(job.trace());
        List<ErrorMatch> matches = engine.findErrorTexts(trace);
        if (matches.isEmpty()) {
            return new JobDiagnosis(job.id(), job.name(), job.ref(), job.webUrl(), null, null,
                    List.of(JobDiagnosis.NO_FEDERATION_ERROR));
        }
        List<String> notes = new ArrayList<>();
        FederationSettings settings = FederationSettings.from(variables.of(job.ref(), job.pipelineId()));
        if (!settings.missing().isEmpty()) {
            notes.add("Not found in the job's CI/CD variables: " + String.join(", ", settings.missing())
                    + " (nor a credential configuration JSON); the live provider/policy checks that need them were skipped.");
        }
        LiveFederationState state = live.lookup(settings.stsAudience(), settings.serviceAccount());
        notes.addAll(state.notes());
        DiagnosisInput.Builder in = DiagnosisInput.builder()
                .errorText(trace)
                .provider(state.provider())
                .pool(state.pool())
                .policy(state.policy())
                .projectNumber(state.projectNumber())
                .projectId(state.projectId())
                .stsAudience(settings.stsAudience())
                .serviceAccount(settings.serviceAccount());
        ciConfig(projectPath, job.ref(), ciConfigs, notes).ifPresent(in::ciConfig);
        return new JobDiagnosis(job.id(), job.name(), job.ref(), job.webUrl(), excerpt(matches), engine.diagnose(in.build()),
                notes);
    }

    /** The recognised catalogue texts, one per line (already redacted: they come from the redacted log). */
    private static String excerpt(List<ErrorMatch> matches) {
        Set<String> lines = new LinkedHashSet<>();
        matches.forEach(m -> lines.add(m.excerpt()));
        return String.join("\n", lines);
    }

    /** The job's {@code .gitlab-ci.yml} at its ref through gitlab4j's RepositoryFileApi; empty (with a note) if unreadable. */
    private Optional<String> ciConfig(String projectPath, String ref, Map<String, Optional<String>> cache, List<String> notes) {
        if (ref == null) {
            return Optional.empty();
        }
        Optional<String> cached = cache.get(ref);
        if (cached != null) {
            return cached;
        }
        Optional<String> text;
        try {
            text = Optional.ofNullable(gitlab.getRepositoryFileApi().getFile(projectPath, CI_CONFIG_PATH, ref)
                    .getDecodedContentAsString());
        } catch (GitLabApiException | RuntimeException e) {
            int status = e instanceof GitLabApiException g ? g.getHttpStatus() : 0;
            notes.add("Cannot read " + CI_CONFIG_PATH + " at " + ref + (status > 0 ? " (HTTP " + status + ")" : "")
                    + ": the CI configuration was not checked.");
            text = Optional.empty();
        }
        cache.put(ref, text);
        return text;
    }

    private List<GitLabFailedJobs.FailedJob> failedJobs(String projectPath, int limit)
            throws GitLabProjectNotFoundException, GitLabReadException {
        try {
            return new GitLabFailedJobs(gitlab).recent(projectPath, limit);
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 404) {
                throw new GitLabProjectNotFoundException(projectPath);
            }
            throw new GitLabReadException(describe(e));
        } catch (RuntimeException e) {
            throw new GitLabReadException("cannot read GitLab at " + gitlab.getGitLabServerUrl() + ": "
                    + Redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    private String describe(GitLabApiException e) {
        String where = "GitLab at " + gitlab.getGitLabServerUrl();
        return switch (e.getHttpStatus()) {
            case 0 -> "cannot reach " + where + ": " + Redactor.redact(firstLine(e.getMessage()));
            case 401 -> where + " refused the token (401 Unauthorized): check GITLAB_TOKEN";
            case 403 -> where + " denied access (403): the token needs read_api scope and the user must see the project's jobs";
            default -> where + " answered HTTP " + e.getHttpStatus() + ": " + Redactor.redact(firstLine(e.getMessage()));
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
