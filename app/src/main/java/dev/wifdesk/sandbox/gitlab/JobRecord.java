package dev.wifdesk.sandbox.gitlab;

import java.time.Instant;

/** One CI job of a pipeline: status, failure reason and its trace; mutated only under the store's lock. */
final class JobRecord {
    final long id;
    final String name;
    final String stage;
    /** The job as the pipeline's {@code .gitlab-ci.yml} wrote it. */
    final CiJobDefinition definition;
    final PipelineRecord pipeline;
    final Instant createdAt;
    final StringBuilder trace = new StringBuilder();
    String status = "created";
    String failureReason;
    Instant startedAt;
    Instant finishedAt;
    /** Set by the cancel API; the runner stops at its next step and leaves the status alone. */
    boolean canceled;

    boolean finished() {
        return status.equals("success") || status.equals("failed") || status.equals("canceled") || status.equals("skipped");
    }

    JobRecord(long id, CiJobDefinition definition, PipelineRecord pipeline, Instant createdAt) {
        this.id = id;
        this.name = definition.name();
        this.stage = definition.stage();
        this.definition = definition;
        this.pipeline = pipeline;
        this.createdAt = createdAt;
    }
}
