package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.RepositoryFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sandbox serves .gitlab-ci.yml the way GitLab does, so the live diagnosis can read it through RepositoryFileApi. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CiConfigThroughGitLab4jTest {
    private GitLabSandbox gitlab;
    private GitLabApi api;

    @BeforeAll
    void start() {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults());
        api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token());
    }

    @AfterAll
    void stop() {
        api.close();
        gitlab.close();
    }

    @Test
    void ciConfigHasAnIdTokensJob() throws Exception {
        // the seeded file is ordinary; the verification job is committed first, as a user would
        String seeded = api.getRepositoryFileApi().getFile(GitLabSandbox.PROJECT_PATH, ".gitlab-ci.yml", "develop")
                .getDecodedContentAsString();
        assertThat(seeded).doesNotContain("id_tokens:");
        RepositoryFile edit = new RepositoryFile();
        edit.setFilePath(".gitlab-ci.yml");
        edit.setContent(dev.wifdesk.plan.CiConfigFile.merge(seeded,
                dev.wifdesk.export.VerificationJobYaml.jobs("develop", java.util.List.of())));
        api.getRepositoryFileApi().updateFile(GitLabSandbox.PROJECT_PATH, edit, "develop", "Add the verification job");

        RepositoryFile file = api.getRepositoryFileApi().getFile(GitLabSandbox.PROJECT_PATH, ".gitlab-ci.yml", "develop");
        assertThat(file.getFileName()).isEqualTo(".gitlab-ci.yml");
        assertThat(file.getRef()).isEqualTo("develop");
        assertThat(file.getEncoding()).hasToString("base64");
        String yaml = file.getDecodedContentAsString();
        assertThat(yaml).contains("id_tokens:").contains("aud: $WIF_ID_TOKEN_AUD");
        assertThat(file.getSize()).isEqualTo(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        // the commit is the ref's head, the same sha the branch API reports
        assertThat(file.getCommitId()).isEqualTo(api.getRepositoryApi().getBranch(GitLabSandbox.PROJECT_PATH, "develop")
                .getCommit().getId());
    }

    @Test
    void unknownFileOrRefIs404() {
        assertThatThrownBy(() -> api.getRepositoryFileApi().getFile(GitLabSandbox.PROJECT_PATH, "Dockerfile", "main"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("404 File Not Found");
                });
        assertThatThrownBy(() -> api.getRepositoryFileApi().getFile(GitLabSandbox.PROJECT_PATH, ".gitlab-ci.yml", "no-branch"))
                .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getHttpStatus()).isEqualTo(404));
    }
}
