package dev.wifdesk.diagnose.live;

import java.util.HashMap;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;

/** Whether a ref of a project is a protected branch, read once per ref through gitlab4j. */
final class RefProtection {
    private final GitLabApi gitlab;
    private final String projectPath;
    private final Map<String, Boolean> known = new HashMap<>();

    RefProtection(GitLabApi gitlab, String projectPath) {
        this.gitlab = gitlab;
        this.projectPath = projectPath;
    }

    /** True/false for a branch; null when the ref is no (longer a) branch, e.g. a tag. */
    Boolean isProtectedBranch(String ref) {
        if (ref == null) {
            return null;
        }
        return known.computeIfAbsent(ref, r -> {
            try {
                return Boolean.TRUE.equals(gitlab.getRepositoryApi().getBranch(projectPath, r).getProtected());
            } catch (GitLabApiException | RuntimeException notABranch) {
                return null;
            }
        });
    }
}
