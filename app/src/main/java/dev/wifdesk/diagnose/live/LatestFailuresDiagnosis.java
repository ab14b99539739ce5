package dev.wifdesk.diagnose.live;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.audit.Redactor;
import dev.wifdesk.cloud.GitLabFailedJobs;
import dev.wifdesk.diagnose.Diagnosis;
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
 * its CI/CD variables, reads the live provider, pool, service-account policy and issuer keys
 * ({@link LiveFederationReader}), and
 * diagnoses each job against them. Live lookups that fail become notes, never exceptions.
 */
public final class LatestFailuresDiagnosis {
    public static final int DEFAULT_LIMIT = 20;
    static final String CI_CONFIG_PATH = ".gitlab-ci.yml";

    private final GitLabApi gitlab;
    private final LiveFederationReader reader;
    private final DiagnosisEngine engine;

    /** {@code reader}: the same live reader the GUI uses (provider, pool, policy, the issuer's JWKS). */
    public LatestFailuresDiagnosis(GitLabApi gitlab, LiveFederationReader reader, DiagnosisEngine engine) {
        this.gitlab = gitlab;
        this.reader = reader;
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
        Run run = new Run(projectPath, notes);
        List<JobDiagnosis> jobs = new ArrayList<>();
        for (GitLabFailedJobs.FailedJob job : failed) {
            jobs.add(diagnoseJob(run, job));
        }
        return new LatestFailures(projectPath, jobs, new ArrayList<>(notes));
    }

    /** What one diagnosis run reads once and shares between the jobs. */
    private final class Run {
        final String projectPath;
        final RefProtection refs;
        final JobVariables variables;
        final JobClaims claims;
        /** Per (audience, SA): the jobs of one project usually share them. */
        final Map<String, LiveFederationState> live = new HashMap<>();
        final Map<String, CiConfig> ciConfigs = new HashMap<>();

        Run(String projectPath, Set<String> notes) {
            this.projectPath = projectPath;
            this.refs = new RefProtection(gitlab, projectPath);
            this.variables = new JobVariables(gitlab, projectPath, refs, notes::add);
            this.claims = new JobClaims(gitlab, projectPath, refs);
        }
    }

    private JobDiagnosis diagnoseJob(Run run, GitLabFailedJobs.FailedJob job) {
        // masked at the source: the runner masks tokens, this catches any it missed
        String trace = Redactor.redact(job.trace());
        List<ErrorMatch> matches = engine.findErrorTexts(trace);
        if (matches.isEmpty()) {
            return new JobDiagnosis(job.id(), job.name(), job.ref(), job.webUrl(), null, null,
                    List.of(JobDiagnosis.NO_FEDERATION_ERROR));
        }
        List<String> notes = new ArrayList<>();
        FederationSettings settings = FederationSettings.from(run.variables.of(job.ref(), job.pipelineId()));
        if (!settings.missing().isEmpty()) {
            notes.add("Not found in the job's CI/CD variables: " + String.join(", ", settings.missing())
                    + " (nor a credential configuration JSON); the live provider/policy checks that need them were skipped.");
        }
        LiveFederationState state = run.live.computeIfAbsent(settings.stsAudience() + "\n" + settings.serviceAccount(),
                k -> reader.read(settings.stsAudience(), settings.serviceAccount()));
        notes.addAll(state.notes());
        DiagnosisInput.Builder in = DiagnosisInput.builder()
                .errorText(trace)
                .provider(state.provider())
                .pool(state.pool())
                .policy(state.policy())
                .jwksJson(state.jwksJson())
                .notFound(state.notFound())
                .projectNumber(state.projectNumber())
                .projectId(state.projectId())
                .stsAudience(settings.stsAudience())
                .serviceAccount(settings.serviceAccount());
        ciConfig(run, job.ref(), notes).ifPresent(in::ciConfig);
        DiagnosisInput input = in.build();
        Diagnosis diagnosis = withRebuiltClaims(run, job, settings, matches, input, notes)
                .orElseGet(() -> engine.diagnose(input));
        return new JobDiagnosis(job.id(), job.name(), job.ref(), job.webUrl(), excerpt(matches), diagnosis, notes);
    }

    /**
     * For a condition rejection or a refused impersonation, the token's claims say which part is
     * false or which principal lacks the binding: rebuild them from the job's metadata and keep
     * that diagnosis only if it agrees with what Google said.
     */
    private Optional<Diagnosis> withRebuiltClaims(Run run, GitLabFailedJobs.FailedJob job, FederationSettings settings,
                                                  List<ErrorMatch> matches, DiagnosisInput input, List<String> notes) {
        if (!RebuiltClaimsCheck.helps(matches) || input.provider().isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> claims = run.claims.of(job.id(), settings.idTokenAudience());
        if (claims.isEmpty()) {
            notes.add("The job's token claims could not be rebuilt from its metadata; diagnosed from the error text and "
                    + "the live configuration only.");
            return Optional.empty();
        }
        Diagnosis withClaims = engine.diagnose(input.toBuilder().claims(claims.get()).build());
        Optional<String> disagreement = RebuiltClaimsCheck.disagreement(matches, withClaims);
        if (disagreement.isPresent()) {
            notes.add("The token claims rebuilt from the job's metadata " + disagreement.get() + "; diagnosed from the "
                    + "error text and the live configuration only.");
            return Optional.empty();
        }
        notes.add("Token claims rebuilt from the job's metadata (project, ref, protection, pipeline, user; the token "
                + "itself is never read) were checked against the live provider and policy.");
        return Optional.of(withClaims);
    }

    /** The recognised catalogue texts, one per line (already redacted: they come from the redacted log). */
    private static String excerpt(List<ErrorMatch> matches) {
        Set<String> lines = new LinkedHashSet<>();
        matches.forEach(m -> lines.add(m.excerpt()));
        return String.join("\n", lines);
    }

    /** The job's {@code .gitlab-ci.yml} at its ref through gitlab4j's RepositoryFileApi; empty (with a note) if unreadable. */
    private Optional<String> ciConfig(Run run, String ref, List<String> notes) {
        if (ref == null) {
            return Optional.empty();
        }
        CiConfig config = run.ciConfigs.computeIfAbsent(ref, r -> readCiConfig(run.projectPath, r));
        if (config.problem() != null) {
            notes.add(config.problem());
        }
        return Optional.ofNullable(config.text());
    }

    /** One ref's CI configuration, or why it could not be read. */
    private record CiConfig(String text, String problem) {
    }

    private CiConfig readCiConfig(String projectPath, String ref) {
        try {
            return new CiConfig(gitlab.getRepositoryFileApi().getFile(projectPath, CI_CONFIG_PATH, ref)
                    .getDecodedContentAsString(), null);
        } catch (GitLabApiException | RuntimeException e) {
            int status = e instanceof GitLabApiException g ? g.getHttpStatus() : 0;
            return new CiConfig(null, "Cannot read " + CI_CONFIG_PATH + " at " + ref + (status > 0 ? " (HTTP " + status + ")" : "")
                    + ": the CI configuration was not checked.");
        }
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
            case 0 -> "cannot reach " + where + ": " + Redactor.redact(ClientErrors.firstLine(e.getMessage()));
            case 401 -> where + " refused the token (401 Unauthorized): check GITLAB_TOKEN";
            case 403 -> where + " denied access (403): the token needs read_api scope and the user must see the project's jobs";
            default -> where + " answered HTTP " + e.getHttpStatus() + ": " + Redactor.redact(ClientErrors.firstLine(e.getMessage()));
        };
    }

}
