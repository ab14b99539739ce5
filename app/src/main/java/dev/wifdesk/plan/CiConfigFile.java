package dev.wifdesk.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Branch;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestFilter;
import org.gitlab4j.api.models.RepositoryFile;
import org.gitlab4j.models.Constants;

/**
 * The verification job(s) in a GitLab project's {@code .gitlab-ci.yml}, through gitlab4j: the
 * existing file is edited, never replaced ({@link #merge}); mode {@code commit} commits it to the
 * ref, mode {@code merge-request} commits it on branch {@value #BRANCH} and opens a merge request
 * into the ref (branch, commit and merge request reused, so a re-run makes none when the content is
 * already there), mode {@code none} does nothing. Other edits of the file (a rotation's audience) are
 * proposed the same way ({@link #propose}). Every mutating call goes through the audit.
 */
public final class CiConfigFile {
    public static final String PATH = ".gitlab-ci.yml";
    public static final String BRANCH = "wifdesk/verification-job";
    static final String COMMIT_MESSAGE = "Add the WIF Desk verification job to .gitlab-ci.yml";
    static final String MR_TITLE = "WIF Desk: verification job (keyless GitLab CI -> Google Cloud)";

    /** How the job reaches the file: the spec's {@code gitlab.verificationJob}. */
    public enum Mode {
        COMMIT, MERGE_REQUEST, NONE;

        /** {@code commit} | {@code merge-request} | {@code none}. */
        public static Mode of(String value) {
            return switch (Objects.requireNonNull(value, "verificationJob").strip().toLowerCase(Locale.ROOT)) {
                case "commit" -> COMMIT;
                case "merge-request" -> MERGE_REQUEST;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException(
                        "verificationJob must be merge-request, commit or none, not " + value);
            };
        }
    }

    private CiConfigFile() {
    }

    /**
     * The new file: {@code existing} (null or empty for none) with each job (name -> YAML block)
     * added or replaced, their stages added to a {@code stages:} list; the rest kept as written.
     * Equal to {@code existing} when the jobs are there already.
     */
    public static String merge(String existing, Map<String, String> jobs) {
        String base = existing == null ? "" : existing;
        CiConfigText.parse(base);
        String merged = CiConfigText.merge(base, jobs);
        CiConfigText.parse(merged);
        return merged;
    }

    /** What changes between two versions of the file, one line per job or key ("job wif-verify: added"); empty when equal. */
    public static List<String> diff(String oldText, String newText) {
        List<String> out = new ArrayList<>();
        if (Objects.equals(oldText == null ? "" : oldText, newText)) {
            return out;
        }
        Map<String, Object> before = CiConfigText.parse(oldText == null ? "" : oldText);
        Map<String, Object> after = CiConfigText.parse(newText);
        if (oldText == null || oldText.isBlank()) {
            out.add(PATH + ": created");
        }
        after.forEach((key, value) -> {
            String what = key.equals("stages") ? "stages" : "job " + key;
            if (!before.containsKey(key)) {
                out.add(what + ": added" + (key.equals("stages") ? " " + value : ""));
            } else if (!Objects.equals(before.get(key), value)) {
                out.add(what + ": " + (key.equals("stages") ? before.get(key) + " -> " + value : "updated"));
            }
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> out.add("job " + k + ": removed"));
        return out;
    }

    /** What {@link #ensure} would do (reads only). */
    public static Action action(GitLabApi gitlab, String projectPath, String ref, Mode mode, Map<String, String> jobs)
            throws IOException {
        return planned(gitlab, projectPath, ref, mode, jobs).action();
    }

    /**
     * What {@link #ensure} would do, the file on the ref it read to know it (empty: none, or not read
     * for mode none) and that file with the job(s) merged in (empty for mode none).
     */
    public record Planned(Action action, Optional<String> onRef, Optional<String> merged) {
    }

    /** Like {@link #action}, keeping the file it read on the ref (a plan's diff needs it: no second read). */
    public static Planned planned(GitLabApi gitlab, String projectPath, String ref, Mode mode, Map<String, String> jobs)
            throws IOException {
        if (mode == Mode.NONE) {
            return new Planned(Action.NONE, Optional.empty(), Optional.empty());
        }
        Proposal proposal = verificationJob(jobs.keySet());
        // a merge request's branch is read beside the file (one round trip, not two): the read is
        // wasted only when the file on the ref already has the job(s)
        CompletableFuture<Optional<Branch>> branch = mode == Mode.MERGE_REQUEST
                ? Background.start("wifdesk-ci-file-branch", () -> call(() -> gitlab.getRepositoryApi()
                        .getOptionalBranch(projectPath, proposal.branch()), projectPath)) : null;
        Optional<String> onRef = read(gitlab, projectPath, ref);
        String merged = merge(onRef.orElse(""), jobs);
        Action action;
        if (merged.equals(onRef.orElse(null))) {
            action = Action.NONE;
        } else if (mode == Mode.COMMIT) {
            action = onRef.isEmpty() ? Action.CREATE : Action.UPDATE;
        } else if (Background.join(branch, "reading the proposal branch").isEmpty()) {
            action = Action.CREATE;
        } else {
            action = proposalActionOnBranch(gitlab, projectPath, ref, proposal, merged);
        }
        return new Planned(action, onRef, Optional.of(merged));
    }

    /**
     * A change of the file proposed by merge request: committed on {@code branch} (made from the ref),
     * with {@code commitMessage}, and a merge request {@code title} / {@code description} into the ref.
     * {@code detail} names the change in the audit log.
     */
    public record Proposal(String branch, String commitMessage, String title, String description, String detail) {
    }

    private static Proposal verificationJob(java.util.Collection<String> jobNames) {
        return new Proposal(BRANCH, COMMIT_MESSAGE, MR_TITLE, "Adds " + String.join(", ", jobNames) + " to " + PATH
                + ". The other jobs of the file are kept as they are.", String.join(", ", jobNames));
    }

    /** What {@link #propose} would do to bring the file to {@code text} by merge request (reads only). */
    public static Action proposalAction(GitLabApi gitlab, String projectPath, String ref, Proposal p, String text)
            throws IOException {
        if (call(() -> gitlab.getRepositoryApi().getOptionalBranch(projectPath, p.branch()), projectPath).isEmpty()) {
            return Action.CREATE;
        }
        return proposalActionOnBranch(gitlab, projectPath, ref, p, text);
    }

    /** {@link #proposalAction} once the proposal's branch is known to exist. */
    private static Action proposalActionOnBranch(GitLabApi gitlab, String projectPath, String ref, Proposal p, String text)
            throws IOException {
        if (openMergeRequest(gitlab, projectPath, p.branch(), ref).isEmpty()) {
            return Action.CREATE;
        }
        return text.equals(read(gitlab, projectPath, p.branch()).orElse(null)) ? Action.NONE : Action.UPDATE;
    }

    /**
     * Proposes the file as {@code text} by merge request: the branch made from the ref when missing,
     * {@code text} committed on it when it differs, the merge request opened when none is open (each
     * reused, so a re-run makes none). Every mutating call goes through the audit.
     */
    public static Outcome propose(ChangeContext c, String projectPath, String ref, Proposal p, String text) throws Exception {
        GitLabApi gitlab = c.requireGitLab();
        boolean created = false;
        if (call(() -> gitlab.getRepositoryApi().getOptionalBranch(projectPath, p.branch()), projectPath).isEmpty()) {
            c.audited().call("gitlab.repository.branches.create", projectPath, p.branch() + " from " + ref,
                    () -> gitlab.getRepositoryApi().createBranch(projectPath, p.branch(), ref));
            created = true;
        }
        Optional<String> onBranch = read(gitlab, projectPath, p.branch());
        boolean committed = false;
        if (!text.equals(onBranch.orElse(null))) {
            commit(c, projectPath, p.branch(), onBranch.isPresent(), text, p.commitMessage(), p.detail());
            committed = true;
        }
        if (openMergeRequest(gitlab, projectPath, p.branch(), ref).isEmpty()) {
            c.audited().call("gitlab.merge_requests.create", projectPath, p.branch() + " -> " + ref,
                    () -> gitlab.getMergeRequestApi().createMergeRequest(projectPath, p.branch(), ref, p.title(),
                            p.description(), null));
            created = true;
        }
        return created ? Outcome.CREATED : committed ? Outcome.UPDATED : Outcome.ALREADY_EXISTS;
    }

    /** The newest merge request from {@code branch} into {@code ref} in any state (opened, merged, closed), if any. */
    public static Optional<MergeRequest> lastMergeRequest(GitLabApi gitlab, String projectPath, String branch, String ref)
            throws IOException {
        return mergeRequests(gitlab, projectPath, branch, ref, Constants.MergeRequestState.ALL).stream()
                .max(java.util.Comparator.comparing(MergeRequest::getIid));
    }

    /** Brings the job(s) into the file as {@code mode} says; re-reads first, so a second run changes nothing. */
    public static Outcome ensure(ChangeContext c, String projectPath, String ref, Mode mode, Map<String, String> jobs)
            throws Exception {
        if (mode == Mode.NONE) {
            return Outcome.ALREADY_EXISTS;
        }
        GitLabApi gitlab = c.requireGitLab();
        Optional<String> onRef = read(gitlab, projectPath, ref);
        String merged = merge(onRef.orElse(""), jobs);
        if (merged.equals(onRef.orElse(null))) {
            return Outcome.ALREADY_EXISTS;
        }
        if (mode == Mode.COMMIT) {
            commit(c, projectPath, ref, onRef.isPresent(), merged, COMMIT_MESSAGE, String.join(", ", jobs.keySet()));
            return onRef.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
        }
        return propose(c, projectPath, ref, verificationJob(jobs.keySet()), merged);
    }

    private static void commit(ChangeContext c, String projectPath, String branch, boolean exists, String content,
                               String message, String what) throws Exception {
        RepositoryFile file = new RepositoryFile();
        file.setFilePath(PATH);
        file.setContent(content);
        var files = c.requireGitLab().getRepositoryFileApi();
        String detail = PATH + " on " + branch + " (" + what + ")";
        if (exists) {
            c.audited().call("gitlab.repository.files.update", projectPath, detail,
                    () -> files.updateFile(projectPath, file, branch, message));
        } else {
            c.audited().call("gitlab.repository.files.create", projectPath, detail,
                    () -> files.createFile(projectPath, file, branch, message));
        }
    }

    /** The open merge request from {@value #BRANCH} into {@code ref}, if any (the wizard shows its web URL). */
    public static Optional<MergeRequest> openMergeRequest(GitLabApi gitlab, String projectPath, String ref)
            throws IOException {
        return openMergeRequest(gitlab, projectPath, BRANCH, ref);
    }

    /** The open merge request from {@code branch} into {@code ref}, if any. */
    private static Optional<MergeRequest> openMergeRequest(GitLabApi gitlab, String projectPath, String branch, String ref)
            throws IOException {
        return mergeRequests(gitlab, projectPath, branch, ref, Constants.MergeRequestState.OPENED).stream().findFirst();
    }

    /** The merge requests from {@code branch} into {@code ref} in {@code state}, filtered by GitLab (not every page of the project's). */
    private static List<MergeRequest> mergeRequests(GitLabApi gitlab, String projectPath, String branch, String ref,
                                                    Constants.MergeRequestState state) throws IOException {
        MergeRequestFilter filter = new MergeRequestFilter().withSourceBranch(branch).withTargetBranch(ref).withState(state);
        return call(() -> gitlab.getMergeRequestApi().getMergeRequests(projectPath, filter), projectPath);
    }

    /** The file's text on {@code ref}; empty when the ref has no such file. */
    public static Optional<String> read(GitLabApi gitlab, String projectPath, String ref) throws IOException {
        Optional<RepositoryFile> file = call(() -> {
            try {
                return Optional.of(gitlab.getRepositoryFileApi().getFile(projectPath, PATH, ref));
            } catch (GitLabApiException e) {
                if (e.getHttpStatus() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        }, projectPath);
        return file.map(RepositoryFile::getDecodedContentAsString);
    }

    private interface GitLabCall<T> {
        T call() throws GitLabApiException;
    }

    private static <T> T call(GitLabCall<T> body, String projectPath) throws IOException {
        try {
            return body.call();
        } catch (GitLabApiException e) {
            throw new IOException(PATH + " of " + projectPath + ": HTTP " + e.getHttpStatus() + " " + e.getMessage(), e);
        }
    }
}
