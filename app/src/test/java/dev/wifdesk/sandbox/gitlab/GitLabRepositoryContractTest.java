package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Branch;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.RepositoryFile;
import org.gitlab4j.api.models.RepositoryFileResponse;
import org.gitlab4j.models.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Branches, files as real commits, and merge requests of the sandbox GitLab, through gitlab4j's
 * RepositoryApi, RepositoryFileApi and MergeRequestApi (texts: docs/sandbox-fidelity.md, GitLab part).
 */
class GitLabRepositoryContractTest {
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private static final String CI = ".gitlab-ci.yml";

    private GitLabSandbox gitlab;
    private GitLabApi api;

    @BeforeEach
    void start() {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults().withPollInterval(Duration.ofMillis(20)));
        api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token());
    }

    @AfterEach
    void stop() {
        api.close();
        gitlab.close();
    }

    @Test
    void branchCreatedFromARefStartsAtItsHeadAndASecondCreateIs400() throws Exception {
        Branch main = api.getRepositoryApi().getBranch(PROJECT, "main");
        Branch created = api.getRepositoryApi().createBranch(PROJECT, "wifdesk/setup", "main");

        assertThat(created.getName()).isEqualTo("wifdesk/setup");
        assertThat(created.getCommit().getId()).isEqualTo(main.getCommit().getId());
        assertThat(created.getProtected()).isFalse();
        assertThat(api.getRepositoryApi().getBranches(PROJECT)).extracting(Branch::getName).contains("wifdesk/setup");
        assertThatThrownBy(() -> api.getRepositoryApi().createBranch(PROJECT, "wifdesk/setup", "main"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Branch already exists");
                });
        assertThatThrownBy(() -> api.getRepositoryApi().createBranch(PROJECT, "other", "no-such-ref"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid reference name: no-such-ref");
                });
    }

    @Test
    void fileCreateAndUpdateAreCommitsOnTheirBranchOnly() throws Exception {
        api.getRepositoryApi().createBranch(PROJECT, "feature", "main");
        String mainSha = api.getRepositoryApi().getBranch(PROJECT, "main").getCommit().getId();

        RepositoryFileResponse created = api.getRepositoryFileApi().createFile(PROJECT, file("docs/wif.md", "one\n"),
                "feature", "Add docs");
        assertThat(created.getFilePath()).isEqualTo("docs/wif.md");
        assertThat(created.getBranch()).isEqualTo("feature");
        String afterCreate = api.getRepositoryApi().getBranch(PROJECT, "feature").getCommit().getId();
        assertThat(afterCreate).isNotEqualTo(mainSha);

        api.getRepositoryFileApi().updateFile(PROJECT, file("docs/wif.md", "two\n"), "feature", "Edit docs");
        RepositoryFile read = api.getRepositoryFileApi().getFile(PROJECT, "docs/wif.md", "feature");
        assertThat(read.getDecodedContentAsString()).isEqualTo("two\n");
        assertThat(read.getCommitId()).isNotEqualTo(afterCreate)
                .isEqualTo(api.getRepositoryApi().getBranch(PROJECT, "feature").getCommit().getId());
        assertThat(api.getRepositoryApi().getBranch(PROJECT, "main").getCommit().getId()).isEqualTo(mainSha);
        assertNotFound(() -> api.getRepositoryFileApi().getFile(PROJECT, "docs/wif.md", "main"));
    }

    @Test
    void createOnAnExistingFileAndUpdateOfAMissingOneAre400() throws Exception {
        api.getRepositoryApi().createBranch(PROJECT, "feature", "main");
        assertBadRequest(() -> api.getRepositoryFileApi().createFile(PROJECT, file(CI, "x: 1\n"), "feature", "again"),
                "A file with this name already exists");
        assertBadRequest(() -> api.getRepositoryFileApi().updateFile(PROJECT, file("missing.txt", "x"), "feature", "edit"),
                "A file with this name doesn't exist");
        assertBadRequest(() -> api.getRepositoryFileApi().createFile(PROJECT, file("a.txt", "x"), "no-branch", "add"),
                "You can only create or edit files when you are on a branch");
    }

    @Test
    void developerCannotPushToTheProtectedDefaultBranch() {
        try (GitLabApi developer = new GitLabApi(gitlab.baseUrl().toString(), GitLabSandbox.DEVELOPER_TOKEN)) {
            assertBadRequest(() -> developer.getRepositoryFileApi().createFile(PROJECT, file("a.txt", "x"), "main", "add"),
                    "You are not allowed to push into this branch");
        }
    }

    @Test
    void missingFileIsGitLabs404() {
        assertNotFound(() -> api.getRepositoryFileApi().getFile(PROJECT, "nope.yml", "main"));
    }

    @Test
    void secondOpenMergeRequestForTheSameSourceIs409AndMergingGivesTheTargetTheFile() throws Exception {
        api.getRepositoryApi().createBranch(PROJECT, "wifdesk/verify", "main");
        api.getRepositoryFileApi().updateFile(PROJECT, file(CI, "verify:\n  script: [true]\n"), "wifdesk/verify", "Add job");
        MergeRequest mr = api.getMergeRequestApi().createMergeRequest(PROJECT, "wifdesk/verify", "main",
                "Add the WIF verification job", "from WIF Desk", null);
        assertThat(mr.getState()).isEqualTo("opened");
        assertThat(mr.getIid()).isEqualTo(1L);

        assertThatThrownBy(() -> api.getMergeRequestApi().createMergeRequest(PROJECT, "wifdesk/verify", "develop",
                "again", null, null))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("Another open merge request already exists for this source branch: !1");
                });
        assertThat(api.getMergeRequestApi().getMergeRequests(PROJECT, Constants.MergeRequestState.OPENED))
                .extracting(MergeRequest::getIid).containsExactly(1L);

        MergeRequest merged = api.getMergeRequestApi().acceptMergeRequest(PROJECT, mr.getIid());
        assertThat(merged.getState()).isEqualTo("merged");
        assertThat(api.getMergeRequestApi().getMergeRequest(PROJECT, mr.getIid()).getState()).isEqualTo("merged");
        String mainHead = api.getRepositoryApi().getBranch(PROJECT, "main").getCommit().getId();
        assertThat(merged.getMergeCommitSha()).isEqualTo(mainHead);
        assertThat(api.getRepositoryFileApi().getFile(PROJECT, CI, "main").getDecodedContentAsString())
                .isEqualTo("verify:\n  script: [true]\n");
        assertThat(api.getMergeRequestApi().getMergeRequests(PROJECT, Constants.MergeRequestState.OPENED)).isEmpty();
        assertThatThrownBy(() -> api.getMergeRequestApi().acceptMergeRequest(PROJECT, mr.getIid()))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getHttpStatus()).isEqualTo(405));
        // the source branch may now get a new MR
        assertThat(api.getMergeRequestApi().createMergeRequest(PROJECT, "wifdesk/verify", "main", "next", null, null)
                .getIid()).isEqualTo(2L);
    }

    @Test
    void stateEventClosesAndReopensAnOpenMergeRequestAndLeavesAMergedOneMerged() throws Exception {
        api.getRepositoryApi().createBranch(PROJECT, "feature", "main");
        MergeRequest mr = api.getMergeRequestApi().createMergeRequest(PROJECT, "feature", "main", "t", null, null);
        var mrs = api.getMergeRequestApi();
        MergeRequest closed = mrs.updateMergeRequest(PROJECT, mr.getIid(),
                new org.gitlab4j.api.models.MergeRequestParams().withStateEvent(Constants.StateEvent.CLOSE));
        assertThat(closed.getState()).isEqualTo("closed");
        assertThat(closed.getClosedAt()).isNotNull();
        assertThat(mrs.getMergeRequests(PROJECT, Constants.MergeRequestState.OPENED)).isEmpty();
        assertThat(mrs.getMergeRequests(PROJECT, Constants.MergeRequestState.CLOSED)).extracting(MergeRequest::getIid)
                .containsExactly(mr.getIid());
        assertThatThrownBy(() -> mrs.acceptMergeRequest(PROJECT, mr.getIid()))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getHttpStatus()).isEqualTo(405));

        assertThat(mrs.updateMergeRequest(PROJECT, mr.getIid(), new org.gitlab4j.api.models.MergeRequestParams()
                .withStateEvent(Constants.StateEvent.REOPEN)).getState()).isEqualTo("opened");
        mrs.acceptMergeRequest(PROJECT, mr.getIid());
        assertThat(mrs.updateMergeRequest(PROJECT, mr.getIid(), new org.gitlab4j.api.models.MergeRequestParams()
                .withStateEvent(Constants.StateEvent.CLOSE)).getState()).as("a merged MR stays merged").isEqualTo("merged");
    }

    @Test
    void mergeKeepsWhatTheTargetChangedMeanwhile() throws Exception {
        api.getRepositoryApi().createBranch(PROJECT, "feature", "main");
        api.getRepositoryFileApi().createFile(PROJECT, file("feature.txt", "f"), "feature", "feature file");
        api.getRepositoryFileApi().createFile(PROJECT, file("main.txt", "m"), "main", "main file");
        MergeRequest mr = api.getMergeRequestApi().createMergeRequest(PROJECT, "feature", "main", "t", null, null);
        api.getMergeRequestApi().acceptMergeRequest(PROJECT, mr.getIid());

        assertThat(api.getRepositoryFileApi().getFile(PROJECT, "main.txt", "main").getDecodedContentAsString()).isEqualTo("m");
        assertThat(api.getRepositoryFileApi().getFile(PROJECT, "feature.txt", "main").getDecodedContentAsString()).isEqualTo("f");
    }

    @Test
    void aPipelineOnANewBranchRunsAtItsHead() throws Exception {
        api.getRepositoryApi().createBranch(PROJECT, "feature", "main");
        api.getRepositoryFileApi().createFile(PROJECT, file("a.txt", "a"), "feature", "a");
        Pipeline p = api.getPipelineApi().createPipeline(PROJECT, "feature");
        assertThat(p.getRef()).isEqualTo("feature");
        String head = api.getRepositoryApi().getBranch(PROJECT, "feature").getCommit().getId();
        assertThat(p.getSha()).isEqualTo(head);
        // an ID token for a job on that branch names the same commit
        var claims = gitlab.idTokenClaims(IdTokenRequest.forAudience("aud").withRef("feature"));
        assertThat(claims.getStringClaim("sha")).isEqualTo(head);
        assertThat(claims.getStringClaim("ref_protected")).isEqualTo("false");
    }

    private static RepositoryFile file(String path, String content) {
        RepositoryFile f = new RepositoryFile();
        f.setFilePath(path);
        f.setContent(content);
        return f;
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GitLabApiException.class, e -> {
            assertThat(e.getHttpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GitLabApiException.class, e -> {
            assertThat(e.getHttpStatus()).isEqualTo(404);
            assertThat(e.getMessage()).isEqualTo("404 File Not Found");
        });
    }
}
