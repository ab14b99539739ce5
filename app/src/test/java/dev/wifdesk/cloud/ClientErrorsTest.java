package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.google.GoogleSandbox;
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
}
