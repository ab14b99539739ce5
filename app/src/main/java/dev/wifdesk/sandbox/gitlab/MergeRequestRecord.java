package dev.wifdesk.sandbox.gitlab;

import java.time.Instant;

/** A merge request of the sandbox GitLab (mutable under its {@link ProjectRepository}'s lock). */
final class MergeRequestRecord {
    final long id;
    final long iid;
    final long projectId;
    final String title;
    final String description;
    final String sourceBranch;
    final String targetBranch;
    final SandboxUser author;
    final Instant createdAt;
    String state = "opened";
    Instant updatedAt;
    Instant mergedAt;
    Instant closedAt;
    String mergeCommitSha;
    SandboxUser mergedBy;

    MergeRequestRecord(long id, long iid, long projectId, Draft draft, Instant now) {
        this.id = id;
        this.iid = iid;
        this.projectId = projectId;
        this.title = draft.title();
        this.description = draft.description();
        this.sourceBranch = draft.sourceBranch();
        this.targetBranch = draft.targetBranch();
        this.author = draft.author();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** What a create request asks for. */
    record Draft(String sourceBranch, String targetBranch, String title, String description, SandboxUser author) {
    }
}
