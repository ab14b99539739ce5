package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The sandbox GitLab's data: seeded projects, users and tokens; CI/CD variables (kept in the
 * state directory when there is one); pipelines and jobs (in memory). One lock guards it all:
 * the data is tiny and the API calls are few.
 */
final class GitLabStore {
    static final String VARIABLES_FILE = "gitlab-variables.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Path stateDir;
    private final Map<Long, SandboxProject> projects = new LinkedHashMap<>();
    private final Map<String, AccessToken> tokens = new LinkedHashMap<>();
    private final Map<String, SandboxUser> users = new LinkedHashMap<>();
    private final Map<Long, SandboxGroup> groups = new LinkedHashMap<>();
    /** Variables by owner: {@code projects/ID} or {@code groups/ID}. */
    private final Map<String, List<CiVariable>> variables = new TreeMap<>();
    private final Map<Long, PipelineRecord> pipelines = new TreeMap<>();
    private final Map<Long, JobRecord> jobs = new TreeMap<>();
    /** The git side of each project: branches, commits, merge requests (in memory). */
    private final Map<Long, ProjectRepository> repositories = new LinkedHashMap<>();
    private long nextMergeRequestId = 9_000_001;
    private long nextPipelineId = 1_000_001;
    private long nextJobId = 5_000_001;

    GitLabStore(Clock clock, Path stateDir, SandboxSeed seed) {
        this.clock = clock;
        this.stateDir = stateDir;
        seed.projects().forEach(p -> projects.put(p.id(), p));
        seed.projects().forEach(p -> repositories.put(p.id(), new ProjectRepository(p,
                Map.of(RepositoryFiles.CI_CONFIG_PATH, RepositoryFiles.SEED_CI_CONFIG), clock.instant())));
        seed.users().forEach(u -> users.put(u.username(), u));
        tokens.putAll(seed.tokens());
        seed.groups().forEach(g -> groups.put(g.id(), g));
        projects.keySet().forEach(id -> variables.put(projectOwner(id), new ArrayList<>()));
        groups.keySet().forEach(id -> variables.put(groupOwner(id), new ArrayList<>()));
        loadVariables();
    }

    Clock clock() {
        return clock;
    }

    // ---- projects, users, tokens

    synchronized Optional<SandboxProject> project(String idOrPath) {
        if (idOrPath.chars().allMatch(Character::isDigit) && !idOrPath.isEmpty()) {
            try {
                return Optional.ofNullable(projects.get(Long.parseLong(idOrPath)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return projects.values().stream().filter(p -> p.pathWithNamespace().equalsIgnoreCase(idOrPath)).findFirst();
    }

    synchronized Optional<SandboxGroup> group(String idOrPath) {
        if (!idOrPath.isEmpty() && idOrPath.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.ofNullable(groups.get(Long.parseLong(idOrPath)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return groups.values().stream().filter(g -> g.fullPath().equalsIgnoreCase(idOrPath)).findFirst();
    }

    static String projectOwner(long id) {
        return "projects/" + id;
    }

    static String groupOwner(long id) {
        return "groups/" + id;
    }

    synchronized List<SandboxProject> projects() {
        return List.copyOf(projects.values());
    }

    synchronized Optional<SandboxUser> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    Optional<AccessToken> token(String secret) {
        return Optional.ofNullable(secret == null ? null : tokens.get(secret));
    }

    /** The repository of a seeded project. */
    synchronized ProjectRepository repository(SandboxProject project) {
        return repositories.get(project.id());
    }

    synchronized long nextMergeRequestId() {
        return nextMergeRequestId++;
    }

    // ---- CI/CD variables

    synchronized List<CiVariable> variables(String owner) {
        return List.copyOf(variables.getOrDefault(owner, List.of()));
    }

    /** Group variables a project's jobs inherit: outermost group first, so inner groups override. */
    synchronized List<CiVariable> inheritedVariables(SandboxProject project) {
        List<CiVariable> out = new ArrayList<>();
        String ns = project.namespacePath();
        List<String> chain = new ArrayList<>();
        for (int i = ns.indexOf('/'); i >= 0; i = ns.indexOf('/', i + 1)) {
            chain.add(ns.substring(0, i));
        }
        chain.add(ns);
        for (String path : chain) {
            group(path).ifPresent(g -> out.addAll(variables(groupOwner(g.id()))));
        }
        return out;
    }

    /** Adds a variable; false when (key, environment scope) is taken. */
    synchronized boolean addVariable(String owner, CiVariable v) {
        List<CiVariable> list = variables.computeIfAbsent(owner, id -> new ArrayList<>());
        if (list.stream().anyMatch(x -> x.key().equals(v.key()) && x.environmentScope().equals(v.environmentScope()))) {
            return false;
        }
        list.add(v);
        saveVariables();
        return true;
    }

    /** What {@link #replaceVariable} did. */
    enum Replaced { DONE, NOT_FOUND, TAKEN }

    /**
     * Replaces {@code old} by {@code updated}; TAKEN when another variable already holds the updated
     * (key, environment scope). Checked under the lock: two PUTs moving variables to one scope must not both win.
     */
    synchronized Replaced replaceVariable(String owner, CiVariable old, CiVariable updated) {
        List<CiVariable> list = variables.getOrDefault(owner, new ArrayList<>());
        int i = list.indexOf(old);
        if (i < 0) {
            return Replaced.NOT_FOUND;
        }
        for (int j = 0; j < list.size(); j++) {
            CiVariable other = list.get(j);
            if (j != i && other.key().equals(updated.key()) && other.environmentScope().equals(updated.environmentScope())) {
                return Replaced.TAKEN;
            }
        }
        list.set(i, updated);
        saveVariables();
        return Replaced.DONE;
    }

    synchronized boolean removeVariable(String owner, CiVariable v) {
        boolean removed = variables.getOrDefault(owner, new ArrayList<>()).remove(v);
        if (removed) {
            saveVariables();
        }
        return removed;
    }

    // ---- pipelines and jobs

    /** A pipeline of {@code config}'s jobs (already in stage order), all {@code created}. */
    synchronized PipelineRecord createPipeline(SandboxProject project, SandboxProject.Ref ref, SandboxUser user,
                                               String source, Map<String, String> pipelineVariables, CiConfig config) {
        long iid = pipelines.values().stream().filter(p -> p.project.id() == project.id()).count() + 1;
        PipelineRecord p = new PipelineRecord(nextPipelineId++, iid, project, ref, user, source, pipelineVariables,
                config.variables(), clock.instant());
        for (CiJobDefinition definition : config.jobs()) {
            JobRecord job = new JobRecord(nextJobId++, definition, p, clock.instant());
            p.jobs.add(job);
            jobs.put(job.id, job);
        }
        pipelines.put(p.id, p);
        return p;
    }

    synchronized Optional<PipelineRecord> pipeline(long projectId, long pipelineId) {
        return Optional.ofNullable(pipelines.get(pipelineId)).filter(p -> p.project.id() == projectId);
    }

    synchronized List<PipelineRecord> pipelines(long projectId) {
        return pipelines.values().stream().filter(p -> p.project.id() == projectId)
                .sorted((a, b) -> Long.compare(b.id, a.id)).toList();
    }

    synchronized Optional<JobRecord> job(long projectId, long jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(j -> j.pipeline.project.id() == projectId);
    }

    synchronized List<JobRecord> jobs(long projectId) {
        return jobs.values().stream().filter(j -> j.pipeline.project.id() == projectId)
                .sorted((a, b) -> Long.compare(b.id, a.id)).toList();
    }

    /** Cancels the pipeline's unfinished jobs (and the pipeline, when something was still running). */
    synchronized void cancel(PipelineRecord p) {
        java.time.Instant now = clock.instant();
        boolean any = false;
        for (JobRecord j : p.jobs) {
            if (!j.finished()) {
                j.canceled = true;
                j.status = "canceled";
                j.finishedAt = now;
                any = true;
            }
        }
        if (any) {
            p.status = "canceled";
            p.finishedAt = now;
            p.updatedAt = now;
        }
    }

    /** Runs {@code change} on a pipeline under the store's lock. */
    synchronized void updatePipeline(PipelineRecord pipeline, Consumer<PipelineRecord> change) {
        change.accept(pipeline);
        pipeline.updatedAt = clock.instant();
    }

    /** Runs {@code change} under the store's lock (status changes, trace lines). */
    synchronized void update(JobRecord job, Consumer<JobRecord> change) {
        change.accept(job);
        job.pipeline.updatedAt = clock.instant();
    }

    /** Reads job fields consistently (the HTTP threads render while the runner writes). */
    synchronized <T> T read(java.util.function.Supplier<T> reader) {
        return reader.get();
    }

    // ---- persistence of variables (the only operator-made GitLab state)

    private void loadVariables() {
        if (stateDir == null) {
            return;
        }
        Path file = stateDir.resolve(VARIABLES_FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            Map<String, List<CiVariable>> stored = JSON.readValue(file.toFile(), new TypeReference<>() { });
            stored.forEach((owner, list) -> {
                if (variables.containsKey(owner)) {
                    variables.put(owner, new ArrayList<>(list));
                }
            });
        } catch (IOException e) {
            throw new dev.wifdesk.sandbox.SandboxStateException("cannot read " + file + " (delete it to start with no variables): "
                    + e.getMessage(), e);
        }
    }

    private void saveVariables() {
        if (stateDir == null) {
            return;
        }
        try {
            Files.createDirectories(stateDir);
            PrivateFiles.write(stateDir.resolve(VARIABLES_FILE), JSON.writeValueAsString(variables));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox GitLab state in " + stateDir, e);
        }
    }

    /** The seeded world: projects, users and the tokens of those users. */
    record SandboxSeed(List<SandboxGroup> groups, List<SandboxProject> projects, List<SandboxUser> users,
                       Map<String, AccessToken> tokens) {
        static SandboxSeed standard() {
            SandboxProject pipelines = new SandboxProject(GitLabSandbox.PROJECT_ID, GitLabSandbox.PROJECT_PATH,
                    GitLabSandbox.NAMESPACE_ID, "private", "main",
                    Map.of("main", true, "develop", false), Map.of("v1.0.0", true), null);
            SandboxProject fork = new SandboxProject(5151, "contractor/pipelines", 1818, "public", "main",
                    Map.of("main", false, "patch-1", false), Map.of(), GitLabSandbox.PROJECT_ID);
            SandboxUser maintainer = new SandboxUser(7, "sandbox-user", "Sandbox User",
                    "sandbox-user@wifdesk-sandbox.example", SandboxUser.AccessLevel.MAINTAINER);
            SandboxUser reader = new SandboxUser(8, "sandbox-reader", "Sandbox Reader",
                    "sandbox-reader@wifdesk-sandbox.example", SandboxUser.AccessLevel.MAINTAINER);
            SandboxUser developer = new SandboxUser(9, "sandbox-developer", "Sandbox Developer",
                    "sandbox-developer@wifdesk-sandbox.example", SandboxUser.AccessLevel.DEVELOPER);
            Map<String, AccessToken> tokens = new LinkedHashMap<>();
            tokens.put(GitLabSandbox.TOKEN, new AccessToken(maintainer, Set.of("api")));
            tokens.put(GitLabSandbox.READ_ONLY_TOKEN, new AccessToken(reader, Set.of("read_api")));
            tokens.put(GitLabSandbox.DEVELOPER_TOKEN, new AccessToken(developer, Set.of("api")));
            List<SandboxGroup> groups = List.of(new SandboxGroup(GitLabSandbox.NAMESPACE_ID, "acme", "private"),
                    new SandboxGroup(1818, "contractor", "public"));
            return new SandboxSeed(groups, List.of(pipelines, fork), List.of(maintainer, reader, developer), tokens);
        }
    }
}
