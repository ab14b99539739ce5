package dev.wifdesk.diagnose.live;

import java.util.List;

/** The diagnosis of a project's recent failed jobs; notes say what could not be looked up. */
public record LatestFailures(String projectPath, List<JobDiagnosis> jobs, List<String> notes) {
    public LatestFailures {
        jobs = List.copyOf(jobs);
        notes = List.copyOf(notes);
    }

    /** {@code fail} exactly when some job's diagnosis fails. */
    public boolean passed() {
        return jobs.stream().noneMatch(JobDiagnosis::failed);
    }

    public String verdict() {
        return passed() ? "pass" : "fail";
    }
}
