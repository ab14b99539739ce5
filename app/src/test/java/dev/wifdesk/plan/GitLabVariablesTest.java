package dev.wifdesk.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.GitLabScopedVariables;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's variables live in scope {@code *}: the same key in another environment scope is
 * neither compared nor touched, and updating the {@code *} one works although GitLab answers 409
 * to an update of such a key without the scope filter.
 */
class GitLabVariablesTest {
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private static final String KEY = "WIF_PROVIDER";

    private GitLabSandbox gitlab;
    private GitLabApi api;

    @BeforeEach
    void start() throws Exception {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults());
        api = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token());
        api.getProjectApi().createVariable(PROJECT, KEY, "//old-provider", Variable.Type.ENV_VAR, true, false, "*");
        api.getProjectApi().createVariable(PROJECT, KEY, "//production-provider", Variable.Type.ENV_VAR, true, false,
                "production");
    }

    @AfterEach
    void stop() {
        api.close();
        gitlab.close();
    }

    @Test
    void theAllEnvironmentsValueIsComparedAndUpdatedAndTheOtherScopeStays(@TempDir Path dir) throws Exception {
        List<GitLabVariables.Wanted> wanted = List.of(new GitLabVariables.Wanted(KEY, "//new-provider", true));
        assertThat(GitLabVariables.action(api, PROJECT, wanted)).isEqualTo(Action.UPDATE);

        // no Google call is made by this step: the clients only fill the context
        ChangeContext c = new ChangeContext(new GoogleClients(Target.sandbox(URI.create("http://127.0.0.1:9"), "t", "op")),
                Optional.of(api), new AuditedChanges(new AuditLog(dir.resolve("audit.jsonl")), "op", Clock.systemUTC()));
        assertThat(GitLabVariables.ensure(c, PROJECT, wanted)).isEqualTo(Outcome.UPDATED);

        GitLabScopedVariables scoped = new GitLabScopedVariables(api);
        assertThat(scoped.get(PROJECT, KEY, "*").getValue()).isEqualTo("//new-provider");
        assertThat(scoped.get(PROJECT, KEY, "production").getValue()).isEqualTo("//production-provider");
        assertThat(GitLabVariables.action(api, PROJECT, wanted)).isEqualTo(Action.NONE);
    }
}
