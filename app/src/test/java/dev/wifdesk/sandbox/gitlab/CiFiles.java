package dev.wifdesk.sandbox.gitlab;

import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.plan.CiConfigFile;
import java.util.List;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.RepositoryFile;

/** Test support: commits a {@code .gitlab-ci.yml} through gitlab4j's RepositoryFileApi, as a user would. */
final class CiFiles {
    private CiFiles() {
    }

    /** Replaces the file on {@code ref} with {@code text}. */
    static void commit(GitLabApi api, String ref, String text) throws Exception {
        RepositoryFile file = new RepositoryFile();
        file.setFilePath(CiConfigFile.PATH);
        file.setContent(text);
        api.getRepositoryFileApi().updateFile(GitLabSandbox.PROJECT_PATH, file, ref, "Edit .gitlab-ci.yml");
    }

    /** Adds the verification job (for {@code ref}) to the file on {@code ref}, its other jobs kept. */
    static void commitVerificationJob(GitLabApi api, String ref) throws Exception {
        String existing = api.getRepositoryFileApi().getFile(GitLabSandbox.PROJECT_PATH, CiConfigFile.PATH, ref)
                .getDecodedContentAsString();
        commit(api, ref, CiConfigFile.merge(existing, VerificationJobYaml.jobs(ref, List.of())));
    }
}
