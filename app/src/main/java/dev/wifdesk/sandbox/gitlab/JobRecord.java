package dev.wifdesk.sandbox.gitlab;

import java.time.Instant;

/** One CI job of a pipeline: status, failure reason and its trace; mutated only under the store's lock. */
final class JobRecord {
    final long id;
    final String name;
    final String stage;
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
        return status.equals("success") || status.equals("failed") || status.equals("canceled");
    }

    JobRecord(long id, String name, String stage, PipelineRecord pipeline, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.stage = stage;
        this.pipeline = pipeline;
        this.createdAt = createdAt;
    }
}
