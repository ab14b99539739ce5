package dev.wifdesk.sandbox.gitlab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files the sandbox repositories start with: every project has an ordinary {@code .gitlab-ci.yml}
 * (on every seeded ref), with no federation in it. Served the way
 * {@code GET /projects/:id/repository/files/:file_path?ref=} answers (base64 content, sha256,
 * blob and commit ids).
 */
final class RepositoryFiles {
    static final String CI_CONFIG_PATH = ".gitlab-ci.yml";

    /**
     * The ordinary file every seeded branch starts with: two stages, two jobs that echo, no
     * federation and no {@code id_tokens} (the verification job is what {@code apply} adds).
     */
    static final String SEED_CI_CONFIG = """
            # Build and test the pipelines project.
            stages:
              - build
              - test

            build:
              stage: build
              script:
                - echo "Building $CI_PROJECT_PATH at $CI_COMMIT_SHORT_SHA"

            unit-tests:
              stage: test
              script:
                - echo "Running the unit tests"
            """;

    private RepositoryFiles() {
    }

    /** The file at {@code path} in {@code commit} (the head of {@code refName}) as GitLab's JSON; empty when there is none. */
    static Optional<Map<String, Object>> file(String path, String refName, ProjectRepository.Commit commit) {
        String text = commit.files().get(path);
        if (text == null) {
            return Optional.empty();
        }
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file_name", path.substring(path.lastIndexOf('/') + 1));
        m.put("file_path", path);
        m.put("size", content.length);
        m.put("encoding", "base64");
        m.put("content", Base64.getEncoder().encodeToString(content));
        m.put("content_sha256", HexFormat.of().formatHex(digest("SHA-256", content)));
        m.put("ref", refName);
        m.put("blob_id", gitBlobId(content));
        m.put("commit_id", commit.sha());
        // simplification: the head, not the last commit that touched this file
        m.put("last_commit_id", commit.sha());
        m.put("execute_filemode", false);
        return Optional.of(m);
    }

    /** Git's blob id: sha1 of "blob SIZE\0" + content. */
    private static String gitBlobId(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return HexFormat.of().formatHex(digest("SHA-1", all));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
