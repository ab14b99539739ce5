package dev.wifdesk.cloud;

import java.util.ArrayList;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.models.Constants;

/** A project's recent failed CI jobs with their logs, read through gitlab4j. */
public final class GitLabFailedJobs {
    /** Only the tail of a huge log is kept: the error that failed the job is at its end. */
    static final int MAX_TRACE_CHARS = 1 << 20;

    /** {@code pipelineId} is null when GitLab did not say (its variables then are unknown). */
    public record FailedJob(long id, String name, String ref, String webUrl, Long pipelineId, String trace) {
    }

    private final GitLabApi gitlab;

    public GitLabFailedJobs(GitLabApi gitlab) {
        this.gitlab = gitlab;
    }

    public List<FailedJob> recent(String projectPath, int limit) throws GitLabApiException {
        List<FailedJob> out = new ArrayList<>();
        Pager<Job> pager = gitlab.getJobApi().getJobs(projectPath, Constants.JobScope.FAILED, Math.min(limit, 100));
        while (pager.hasNext() && out.size() < limit) {
            for (Job job : pager.next()) {
                if (out.size() >= limit) {
                    break;
                }
                String trace = gitlab.getJobApi().getTrace(projectPath, job.getId());
                Long pipelineId = job.getPipeline() == null ? null : job.getPipeline().getId();
                out.add(new FailedJob(job.getId(), job.getName(), job.getRef(), job.getWebUrl(), pipelineId, tail(trace)));
            }
        }
        return out;
    }

    static String tail(String trace) {
        if (trace == null) {
            return "";
        }
        return trace.length() <= MAX_TRACE_CHARS ? trace : trace.substring(trace.length() - MAX_TRACE_CHARS);
    }
}
