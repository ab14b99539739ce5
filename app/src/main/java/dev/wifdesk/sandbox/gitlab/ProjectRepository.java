package dev.wifdesk.sandbox.gitlab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The git side of one sandbox project: branches whose heads move with real commits (file create /
 * update), the seeded tags, and merge requests. Every branch starts with the seeded files; a commit
 * makes a new sha, so a pipeline or a file read names the state it saw. In memory only.
 */
final class ProjectRepository {
    private final SandboxProject project;
    private final Map<String, Branch> branches = new TreeMap<>();
    private final Map<String, Commit> tags = new TreeMap<>();
    private final List<MergeRequestRecord> mergeRequests = new ArrayList<>();
    private long commitCounter;

    ProjectRepository(SandboxProject project, Map<String, String> seedFiles, Instant now) {
        this.project = project;
        project.branches().forEach((name, isProtected) -> {
            Commit c = new Commit(project.sha(name), null, "Initial commit", Map.copyOf(seedFiles), now);
            branches.put(name, new Branch(name, isProtected, c, c.files()));
        });
        project.tags().forEach((name, isProtected) ->
                tags.put(name, new Commit(project.sha(name), null, "Initial commit", Map.copyOf(seedFiles), now)));
    }

    SandboxProject project() {
        return project;
    }

    /** The ref as GitLab resolves it: a branch first, then a tag, with its current head. */
    synchronized Optional<SandboxProject.Ref> ref(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Branch b = branches.get(name);
        if (b != null) {
            return Optional.of(new SandboxProject.Ref(name, SandboxProject.RefType.BRANCH, b.isProtected, b.head.sha()));
        }
        return Optional.ofNullable(tags.get(name)).map(c -> new SandboxProject.Ref(name, SandboxProject.RefType.TAG,
                project.tags().get(name), c.sha()));
    }

    synchronized Optional<Commit> head(String refName) {
        Branch b = branches.get(refName);
        if (b != null) {
            return Optional.of(b.head);
        }
        return Optional.ofNullable(tags.get(refName));
    }

    synchronized List<String> branchNames() {
        return List.copyOf(branches.keySet());
    }

    synchronized List<String> tagNames() {
        return List.copyOf(tags.keySet());
    }

    synchronized Optional<Branch> branch(String name) {
        return Optional.ofNullable(branches.get(name));
    }

    /** A new unprotected branch at {@code ref}'s head; 400 when the name is taken or the ref unknown (GitLab's Branches::CreateService texts). */
    synchronized Branch createBranch(String name, String ref) throws ApiError {
        if (branches.containsKey(name)) {
            throw ApiError.message(400, "Branch already exists");
        }
        Commit from = head(ref).orElseThrow(() -> ApiError.message(400, "Invalid reference name: " + ref));
        Branch b = new Branch(name, false, from, from.files());
        branches.put(name, b);
        return b;
    }

    /**
     * Commits {@code content} to {@code path} on {@code branch} (made from {@code startBranch} first when
     * given and new); {@code create} refuses an existing file, update a missing one. Texts of GitLab's
     * Commits::CreateService and of Gitaly's index errors.
     */
    synchronized Commit commitFile(String branchName, String startBranch, String path, String content, String message,
                                   boolean create, boolean mayPushProtected, Instant now) throws ApiError {
        Branch b = branches.get(branchName);
        if (b == null && startBranch != null && branches.containsKey(startBranch)) {
            Commit from = branches.get(startBranch).head;
            b = new Branch(branchName, false, from, from.files());
        }
        if (b == null) {
            throw ApiError.message(400, "You can only create or edit files when you are on a branch");
        }
        if (b.isProtected && !mayPushProtected) {
            throw ApiError.message(400, "You are not allowed to push into this branch");
        }
        boolean exists = b.head.files().containsKey(path);
        if (create && exists) {
            throw ApiError.message(400, "A file with this name already exists");
        }
        if (!create && !exists) {
            throw ApiError.message(400, "A file with this name doesn't exist");
        }
        Map<String, String> files = new LinkedHashMap<>(b.head.files());
        files.put(path, content);
        b.head = newCommit(b.head, message, files, now);
        branches.putIfAbsent(branchName, b);
        return b.head;
    }

    /** Deletes {@code path} on {@code branchName} as a commit; the texts of {@link #commitFile}. */
    synchronized Commit deleteFile(String branchName, String path, String message, boolean mayPushProtected, Instant now)
            throws ApiError {
        Branch b = branches.get(branchName);
        if (b == null) {
            throw ApiError.message(400, "You can only create or edit files when you are on a branch");
        }
        if (b.isProtected && !mayPushProtected) {
            throw ApiError.message(400, "You are not allowed to push into this branch");
        }
        if (!b.head.files().containsKey(path)) {
            throw ApiError.message(400, "A file with this name doesn't exist");
        }
        Map<String, String> files = new LinkedHashMap<>(b.head.files());
        files.remove(path);
        b.head = newCommit(b.head, message, files, now);
        return b.head;
    }

    /**
     * Merges {@code source} into {@code target}: the target keeps its own files and takes every file the
     * source changed since it branched off (the sandbox has no conflicts).
     */
    synchronized Commit merge(String source, String target, String message, Instant now) throws ApiError {
        Branch s = branches.get(source);
        Branch t = branches.get(target);
        if (s == null || t == null) {
            throw ApiError.methodNotAllowedMessage();
        }
        Map<String, String> files = new LinkedHashMap<>(t.head.files());
        s.head.files().forEach((path, content) -> {
            if (!content.equals(s.base.get(path))) {
                files.put(path, content);
            }
        });
        t.head = newCommit(t.head, message, files, now);
        s.base = Map.copyOf(s.head.files());
        return t.head;
    }

    synchronized List<MergeRequestRecord> mergeRequests() {
        return List.copyOf(mergeRequests);
    }

    synchronized MergeRequestRecord addMergeRequest(MergeRequestRecord.Draft draft, long id, Instant now) throws ApiError {
        if (!branches.containsKey(draft.sourceBranch()) || !branches.containsKey(draft.targetBranch())) {
            // neutral wording: GitLab's exact validation text for a missing branch was not verified
            throw ApiError.validationList("Source or target branch does not exist");
        }
        for (MergeRequestRecord m : mergeRequests) {
            if (m.state.equals("opened") && m.sourceBranch.equals(draft.sourceBranch())) {
                throw ApiError.conflictList("Another open merge request already exists for this source branch: !" + m.iid);
            }
        }
        MergeRequestRecord m = new MergeRequestRecord(id, mergeRequests.size() + 1L, project.id(), draft, now);
        mergeRequests.add(m);
        return m;
    }

    private Commit newCommit(Commit parent, String message, Map<String, String> files, Instant now) {
        commitCounter++;
        String sha = sha1(project.pathWithNamespace() + "\n" + parent.sha() + "\n" + commitCounter + "\n" + message);
        return new Commit(sha, parent.sha(), message, Map.copyOf(files), now);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One commit: its files as text (the sandbox holds only small text files). */
    record Commit(String sha, String parentSha, String message, Map<String, String> files, Instant createdAt) {
    }

    /** A branch: its head and the files it had when it was made (what a merge compares against). */
    static final class Branch {
        final String name;
        final boolean isProtected;
        Commit head;
        Map<String, String> base;

        Branch(String name, boolean isProtected, Commit head, Map<String, String> base) {
            this.name = name;
            this.isProtected = isProtected;
            this.head = head;
            this.base = base;
        }
    }
}
