package dev.wifdesk.sandbox.gitlab;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an ID token should say, beyond the seeded defaults: the {@code aud}, the ref, an
 * environment, a fork, a deep project path, an odd lifetime or issue time. Immutable; every
 * {@code withX} returns a copy, so tests can derive variants from one base.
 */
public final class IdTokenRequest {
    /** How {@code sub} is built; GitLab lets a project switch to the shorter project id form. */
    public enum SubjectFormat { PROJECT_PATH, PROJECT_ID }

    /** The environment a job declares; only then does the token carry the environment claims. */
    public record Environment(String name, boolean isProtected, String tier, String action) {
        public Environment {
            Objects.requireNonNull(name, "environment name");
            tier = tier == null ? "other" : tier;
            action = action == null ? "start" : action;
        }
    }

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private String audience;
    /** Every {@code aud} value when the job's {@code id_tokens} lists several; else just {@link #audience}. */
    private java.util.List<String> audiences;
    private String ref;
    private Environment environment;
    private String projectPath;
    private String forkProjectPath;
    private Long pipelineId;
    private Long jobId;
    private String pipelineSource = "push";
    private Duration lifetime = DEFAULT_LIFETIME;
    private Instant issuedAt;
    private SubjectFormat subjectFormat = SubjectFormat.PROJECT_PATH;
    private String username;

    private IdTokenRequest() {
    }

    /** A token for {@code audience} on the project's default branch, issued now, 5 minutes long. */
    public static IdTokenRequest forAudience(String audience) {
        IdTokenRequest r = new IdTokenRequest();
        r.audience = Objects.requireNonNull(audience, "audience");
        return r;
    }

    private IdTokenRequest copy() {
        IdTokenRequest r = new IdTokenRequest();
        r.audience = audience;
        r.audiences = audiences;
        r.ref = ref;
        r.environment = environment;
        r.projectPath = projectPath;
        r.forkProjectPath = forkProjectPath;
        r.pipelineId = pipelineId;
        r.jobId = jobId;
        r.pipelineSource = pipelineSource;
        r.lifetime = lifetime;
        r.issuedAt = issuedAt;
        r.subjectFormat = subjectFormat;
        r.username = username;
        return r;
    }

    public IdTokenRequest withAudience(String value) {
        IdTokenRequest r = copy();
        r.audience = Objects.requireNonNull(value, "audience");
        r.audiences = null;
        return r;
    }

    /** Several {@code aud} values (GitLab's {@code id_tokens: X: aud: [A, B]}): the token's {@code aud} is then an array. */
    public IdTokenRequest withAudiences(java.util.List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("at least one audience");
        }
        IdTokenRequest r = copy();
        r.audience = values.get(0);
        r.audiences = java.util.List.copyOf(values);
        return r;
    }

    /** A branch or tag of the project; unknown names become unprotected branches. */
    public IdTokenRequest withRef(String value) {
        IdTokenRequest r = copy();
        r.ref = value;
        return r;
    }

    public IdTokenRequest withEnvironment(Environment value) {
        IdTokenRequest r = copy();
        r.environment = value;
        return r;
    }

    /**
     * Claims for another project path (e.g. {@code a/very/deep/group/tree/project}): the seeded
     * project's ids stay, paths change. Makes subjects longer than 127 bytes easy to produce.
     */
    public IdTokenRequest withProjectPath(String value) {
        IdTokenRequest r = copy();
        r.projectPath = value;
        return r;
    }

    /**
     * A merge-request pipeline from a fork: {@code project_*} and {@code namespace_*} describe the
     * fork, {@code job_project_*} the project the job runs in.
     */
    public IdTokenRequest withForkProject(String forkPath) {
        IdTokenRequest r = copy();
        r.forkProjectPath = forkPath;
        r.pipelineSource = "merge_request_event";
        return r;
    }

    public IdTokenRequest withPipeline(long pipeline, long job) {
        IdTokenRequest r = copy();
        r.pipelineId = pipeline;
        r.jobId = job;
        return r;
    }

    public IdTokenRequest withPipelineSource(String value) {
        IdTokenRequest r = copy();
        r.pipelineSource = Objects.requireNonNull(value);
        return r;
    }

    /** The job timeout; GitLab sets the token lifetime to it. */
    public IdTokenRequest withLifetime(Duration value) {
        IdTokenRequest r = copy();
        r.lifetime = Objects.requireNonNull(value);
        return r;
    }

    /** Back-dates (or post-dates) the token, for expiry and clock-skew cases. */
    public IdTokenRequest withIssuedAt(Instant value) {
        IdTokenRequest r = copy();
        r.issuedAt = value;
        return r;
    }

    public IdTokenRequest withSubjectFormat(SubjectFormat value) {
        IdTokenRequest r = copy();
        r.subjectFormat = Objects.requireNonNull(value);
        return r;
    }

    /** The user who triggered the pipeline (a seeded username); the token owner by default. */
    public IdTokenRequest withUser(String value) {
        IdTokenRequest r = copy();
        r.username = value;
        return r;
    }

    public String audience() {
        return audience;
    }

    /** The {@code aud} values: one unless {@link #withAudiences} gave several. */
    public java.util.List<String> audiences() {
        return audiences == null ? java.util.List.of(audience) : audiences;
    }

    public String ref() {
        return ref;
    }

    public Environment environment() {
        return environment;
    }

    public String projectPath() {
        return projectPath;
    }

    public String forkProjectPath() {
        return forkProjectPath;
    }

    public Long pipelineId() {
        return pipelineId;
    }

    public Long jobId() {
        return jobId;
    }

    public String pipelineSource() {
        return pipelineSource;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public SubjectFormat subjectFormat() {
        return subjectFormat;
    }

    public String username() {
        return username;
    }
}
