package dev.wifdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.testing.FakeTokens;
import org.junit.jupiter.api.Test;

class RedactorTest {
    // secrets are assembled at run time: no credential-shaped literal sits in the source
    private static final String JWT = "ey" + "JhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    private static final String GITLAB_PAT = FakeTokens.GITLAB_PAT;
    private static final String GOOGLE_AT = FakeTokens.GOOGLE_ACCESS_TOKEN;

    @Test
    void masksJwtsAndKeepsTheSurroundingText() {
        String out = Redactor.redact("token=" + JWT + " rejected");
        assertThat(out).isEqualTo("token=eyJ" + Redactor.MASK + " rejected").doesNotContain("c2lnbmF0dXJl");
    }

    @Test
    void masksGitlabGoogleAndSandboxTokens() {
        String out = Redactor.redact("a " + GITLAB_PAT + " b " + GOOGLE_AT + " c sandbox-operator-7f3a9c d sandbox-gitlab-token e"
                + " sandbox-gitlab-read-token f sandbox-sts-0a1b2c g");
        assertThat(out).doesNotContain(FakeTokens.FAKE_BODY, "7f3a9c", "gitlab-token", "gitlab-read-token", "0a1b2c")
                .contains(FakeTokens.GITLAB_PREFIX + Redactor.MASK, FakeTokens.GOOGLE_PREFIX + Redactor.MASK, "sandbox-" + Redactor.MASK + " d");
    }

    @Test
    void masksHeaderValues() {
        assertThat(Redactor.redact("Authorization: Bearer abcdefgh12345678"))
                .doesNotContain("abcdefgh12345678");
        assertThat(Redactor.redact("PRIVATE-TOKEN: zzzzzzzzzzzz")).doesNotContain("zzzzzzzzzzzz");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Patched projects/428617359021/locations/global/workloadIdentityPools/gitlab/providers/gitlab-com";
        assertThat(Redactor.redact(text)).isEqualTo(text);
        assertThat(Redactor.redact("")).isEmpty();
        assertThat(Redactor.redact(null)).isNull();
    }
}
