package dev.wifdesk.sandbox.gitlab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pipeline and its state; mutated only under the store's lock. */
final class PipelineRecord {
    final long id;
    final long iid;
    final SandboxProject project;
    final SandboxProject.Ref ref;
    final SandboxUser user;
    final String source;
    final Map<String, String> variables;
    /** The {@code .gitlab-ci.yml}'s top-level {@code variables:}. */
    final Map<String, String> globalVariables;
    final Instant createdAt;
    final List<JobRecord> jobs = new ArrayList<>();
    String status = "created";
    Instant updatedAt;
    Instant startedAt;
    Instant finishedAt;

    PipelineRecord(long id, long iid, SandboxProject project, SandboxProject.Ref ref, SandboxUser user, String source,
                   Map<String, String> variables, Map<String, String> globalVariables, Instant createdAt) {
        this.id = id;
        this.iid = iid;
        this.project = project;
        this.ref = ref;
        this.user = user;
        this.source = source;
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.globalVariables = Map.copyOf(globalVariables);
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }
}
