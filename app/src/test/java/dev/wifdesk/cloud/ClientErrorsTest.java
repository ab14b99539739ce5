package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.google.GoogleSandbox;
import dev.wifdesk.testing.FakeTokens;
import org.junit.jupiter.api.Test;

/** What a person reads when the real clients fail against the sandbox. */
class ClientErrorsTest {

    @Test
    void aRefusedOperatorTokenOnAPostIsExplainedInOneLine() {
        try (GoogleSandbox sandbox = GoogleSandbox.start(SandboxOptions.defaults(), new IssuerDirectory())) {
            // a token this sandbox never issued, e.g. one from before a restart
            Target stale = Target.sandbox(sandbox.baseUrl(), "sandbox-operator-000000000000", sandbox.operatorEmail());
            Throwable t = catchThrowable(() -> new GoogleClients(stale).iam().projects().serviceAccounts()
                    .getIamPolicy("projects/sandbox-project/serviceAccounts/x@sandbox-project.iam.gserviceaccount.com")
                    .execute());

            assertThat(t).isNotNull().isNotInstanceOf(IllegalStateException.class);
            String line = ClientErrors.oneLine(t);
            assertThat(line).startsWith("401").doesNotContain("\n").doesNotContain("000000000000");
        }
    }

    @Test
    void aServerMessageIsKeptVerbatim() {
        try (GoogleSandbox sandbox = GoogleSandbox.start(SandboxOptions.defaults(), new IssuerDirectory())) {
            Target operator = Target.sandbox(sandbox.baseUrl(), sandbox.operatorToken(), sandbox.operatorEmail());
            Throwable t = catchThrowable(() -> new GoogleClients(operator).iam().projects().serviceAccounts()
                    .get("projects/sandbox-project/serviceAccounts/nobody@sandbox-project.iam.gserviceaccount.com").execute());

            assertThat(ClientErrors.oneLine(t)).isEqualTo("404 Service account projects/sandbox-project/serviceAccounts/"
                    + "nobody@sandbox-project.iam.gserviceaccount.com does not exist.");
        }
    }

    @Test
    void ourOwnMultiLineMessagesAreJoinedAndRedacted() {
        assertThat(ClientErrors.joined("--faults: bad\n  sts=418\r\n(see docs)", "x"))
                .isEqualTo("--faults: bad sts=418 (see docs)");
        assertThat(ClientErrors.joined("token " + FakeTokens.GITLAB_PAT + " pasted", "x"))
                .doesNotContain(FakeTokens.FAKE_BODY).startsWith("token " + FakeTokens.GITLAB_PREFIX);
        assertThat(ClientErrors.joined(null, "cannot start")).isEqualTo("cannot start");
        assertThat(ClientErrors.joined("  ", "cannot start")).isEqualTo("cannot start");
    }

    @Test
    void aServerTextKeepsItsFirstLineOnly() {
        assertThat(ClientErrors.firstLine("404 Not Found\n{\"error\": {}}")).isEqualTo("404 Not Found");
        assertThat(ClientErrors.firstLine("  one  ")).isEqualTo("one");
        assertThat(ClientErrors.firstLine(null)).isEmpty();
        assertThat(ClientErrors.oneLine(new IllegalStateException("first\nsecond"))).isEqualTo("first");
        assertThat(ClientErrors.oneLine(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
