package dev.wifdesk.model;

import java.util.regex.Pattern;

/**
 * The GitLab project-path rule, typed once ({@link SpecRules#GITLAB_PROJECT}): at least
 * {@code group/project}, each segment of {@code [A-Za-z0-9_.-]} starting with a letter, digit or
 * underscore, none ending in {@code .} or {@code .git}.
 */
public final class GitLabPaths {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private GitLabPaths() {
    }

    public static boolean isProjectPath(String path) {
        if (path == null) {
            return false;
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 2) {
            return false;
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.endsWith(".git") || s.endsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
