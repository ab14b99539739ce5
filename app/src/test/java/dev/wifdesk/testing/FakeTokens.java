package dev.wifdesk.testing;

/**
 * Token-shaped values for the redaction tests: the real prefixes (which the redactor keys on) with
 * bodies that say they are fake. The prefixes are joined at run time, so no literal in the
 * repository looks like a GitLab or Google credential to a secret scanner or a reader.
 */
public final class FakeTokens {
    public static final String GITLAB_PREFIX = "gl" + "pat-";
    public static final String GOOGLE_PREFIX = "ya" + "29.";
    public static final String FAKE_BODY = "FAKE_TEST_ONLY_not_a_secret";
    /** A GitLab personal access token's shape. */
    public static final String GITLAB_PAT = GITLAB_PREFIX + FAKE_BODY;
    /** A Google OAuth access token's shape. */
    public static final String GOOGLE_ACCESS_TOKEN = GOOGLE_PREFIX + FAKE_BODY;

    private FakeTokens() {
    }
}
