package dev.wifdesk.sandbox.gitlab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One project of the sandbox GitLab: ids, paths, its branches and tags (name -> protected).
 * Immutable; CI/CD variables and pipelines live in {@link GitLabStore}.
 */
public record SandboxProject(long id, String pathWithNamespace, long namespaceId, String visibility,
                             String defaultBranch, Map<String, Boolean> branches, Map<String, Boolean> tags,
                             Long forkedFromId) {

    public SandboxProject {
        branches = Map.copyOf(branches);
        tags = Map.copyOf(tags);
    }

    public String path() {
        return pathWithNamespace.substring(pathWithNamespace.lastIndexOf('/') + 1);
    }

    public String namespacePath() {
        int slash = pathWithNamespace.lastIndexOf('/');
        return slash < 0 ? "" : pathWithNamespace.substring(0, slash);
    }

    /** The ref as GitLab resolves it: a branch first, then a tag (as {@code git rev-parse} would). */
    public Optional<Ref> ref(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (branches.containsKey(name)) {
            return Optional.of(new Ref(name, RefType.BRANCH, branches.get(name), sha(name)));
        }
        if (tags.containsKey(name)) {
            return Optional.of(new Ref(name, RefType.TAG, tags.get(name), sha(name)));
        }
        return Optional.empty();
    }

    /** A stable fake commit id per ref, so the same ref always reports the same sha. */
    public String sha(String ref) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((pathWithNamespace + "@" + ref).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public enum RefType {
        BRANCH("branch", "refs/heads/"), TAG("tag", "refs/tags/");

        private final String claim;
        private final String prefix;

        RefType(String claim, String prefix) {
            this.claim = claim;
            this.prefix = prefix;
        }

        public String claim() {
            return claim;
        }

        public String refPath(String name) {
            return prefix + name;
        }
    }

    /** A resolved git ref of a project. */
    public record Ref(String name, RefType type, boolean isProtected, String sha) {
    }
}
