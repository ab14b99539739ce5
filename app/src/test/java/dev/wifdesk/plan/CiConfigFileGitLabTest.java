package dev.wifdesk.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.models.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verification job reaches .gitlab-ci.yml through gitlab4j: by commit, or by branch + merge request; a re-run changes nothing. */
class CiConfigFileGitLabTest {
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private static final Map<String, String> JOB = VerificationJobYaml.jobs("main", List.of());

    @TempDir
    Path dir;
    private GitLabSandbox gitlab;
    private GitLabApi api;
    private AuditLog audit;

    @BeforeEach
    void start() {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults());
        api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token());
        audit = new AuditLog(dir.resolve("audit.jsonl"));
    }

    @AfterEach
    void stop() {
        api.close();
        gitlab.close();
    }

    private AuditedChanges audited() {
        return new AuditedChanges(audit, "op", Clock.systemUTC());
    }

    private ChangeContext context(AuditedChanges audited) {
        // no Google call is made by these steps: the clients only fill the context
        return new ChangeContext(new GoogleClients(Target.sandbox(URI.create("http://127.0.0.1:9"), "t", "op")),
                Optional.of(api), audited);
    }

    private String file(String ref) throws Exception {
        return api.getRepositoryFileApi().getFile(PROJECT, CiConfigFile.PATH, ref).getDecodedContentAsString();
    }

    @Test
    void commitModeEditsTheFileOnTheRefOnceAndKeepsItsJobs() throws Exception {
        String seeded = file("main");
        assertThat(CiConfigFile.action(api, PROJECT, "main", CiConfigFile.Mode.COMMIT, JOB)).isEqualTo(Action.UPDATE);
        AuditedChanges first = audited();
        assertThat(CiConfigFile.ensure(context(first), PROJECT, "main", CiConfigFile.Mode.COMMIT, JOB))
                .isEqualTo(Outcome.UPDATED);
        assertThat(first.mutatingCalls()).isEqualTo(1);
        assertThat(audit.read()).extracting(AuditEntry::action).containsExactly("gitlab.repository.files.update");
        assertThat(file("main")).isEqualTo(CiConfigFile.merge(seeded, JOB)).contains("\nbuild:\n", "\nunit-tests:\n", "\nwif-verify:\n");

        String head = api.getRepositoryApi().getBranch(PROJECT, "main").getCommit().getId();
        assertThat(CiConfigFile.action(api, PROJECT, "main", CiConfigFile.Mode.COMMIT, JOB)).isEqualTo(Action.NONE);
        AuditedChanges second = audited();
        assertThat(CiConfigFile.ensure(context(second), PROJECT, "main", CiConfigFile.Mode.COMMIT, JOB))
                .isEqualTo(Outcome.ALREADY_EXISTS);
        assertThat(second.mutatingCalls()).isZero();
        assertThat(api.getRepositoryApi().getBranch(PROJECT, "main").getCommit().getId()).isEqualTo(head);
    }

    @Test
    void mergeRequestModeUsesOneBranchAndOneMergeRequestAcrossReRuns() throws Exception {
        String seeded = file("main");
        assertThat(CiConfigFile.action(api, PROJECT, "main", CiConfigFile.Mode.MERGE_REQUEST, JOB)).isEqualTo(Action.CREATE);
        AuditedChanges first = audited();
        assertThat(CiConfigFile.ensure(context(first), PROJECT, "main", CiConfigFile.Mode.MERGE_REQUEST, JOB))
                .isEqualTo(Outcome.CREATED);
        assertThat(audit.read()).extracting(AuditEntry::action).containsExactly("gitlab.repository.branches.create",
                "gitlab.repository.files.update", "gitlab.merge_requests.create");
        assertThat(file("main")).as("the ref is untouched until the MR is merged").isEqualTo(seeded);
        assertThat(file(CiConfigFile.BRANCH)).isEqualTo(CiConfigFile.merge(seeded, JOB));
        List<MergeRequest> open = api.getMergeRequestApi().getMergeRequests(PROJECT, Constants.MergeRequestState.OPENED);
        assertThat(open).singleElement().satisfies(m -> {
            assertThat(m.getSourceBranch()).isEqualTo(CiConfigFile.BRANCH);
            assertThat(m.getTargetBranch()).isEqualTo("main");
        });

        // a re-run: no new branch, commit or merge request
        String branchHead = api.getRepositoryApi().getBranch(PROJECT, CiConfigFile.BRANCH).getCommit().getId();
        assertThat(CiConfigFile.action(api, PROJECT, "main", CiConfigFile.Mode.MERGE_REQUEST, JOB)).isEqualTo(Action.NONE);
        AuditedChanges again = audited();
        assertThat(CiConfigFile.ensure(context(again), PROJECT, "main", CiConfigFile.Mode.MERGE_REQUEST, JOB))
                .isEqualTo(Outcome.ALREADY_EXISTS);
        assertThat(again.mutatingCalls()).isZero();
        assertThat(api.getRepositoryApi().getBranch(PROJECT, CiConfigFile.BRANCH).getCommit().getId()).isEqualTo(branchHead);

        // other jobs wanted: one more commit on the branch, the open merge request reused
        Map<String, String> perEnv = VerificationJobYaml.jobs("main", List.of("production"));
        assertThat(CiConfigFile.action(api, PROJECT, "main", CiConfigFile.Mode.MERGE_REQUEST, perEnv)).isEqualTo(Action.UPDATE);
        AuditedChanges changed = audited();
        assertThat(CiConfigFile.ensure(context(changed), PROJECT, "main", CiConfigFile.Mode.MERGE_REQUEST, perEnv))
                .isEqualTo(Outcome.UPDATED);
        assertThat(changed.mutatingCalls()).isEqualTo(1);
        assertThat(api.getMergeRequestApi().getMergeRequests(PROJECT, Constants.MergeRequestState.OPENED)).hasSize(1);

        // merged: the job is on the ref, nothing left to do
        api.getMergeRequestApi().acceptMergeRequest(PROJECT, open.get(0).getIid());
        assertThat(file("main")).contains("\nwif-verify-production:\n", "\nbuild:\n");
        assertThat(CiConfigFile.action(api, PROJECT, "main", CiConfigFile.Mode.MERGE_REQUEST, perEnv)).isEqualTo(Action.NONE);
    }

    @Test
    void modeNoneTouchesNothing() throws Exception {
        AuditedChanges audited = audited();
        assertThat(CiConfigFile.action(api, PROJECT, "main", CiConfigFile.Mode.NONE, JOB)).isEqualTo(Action.NONE);
        assertThat(CiConfigFile.ensure(context(audited), PROJECT, "main", CiConfigFile.Mode.NONE, JOB))
                .isEqualTo(Outcome.ALREADY_EXISTS);
        assertThat(audited.mutatingCalls()).isZero();
        assertThat(file("main")).doesNotContain("wif-verify");
    }
}
