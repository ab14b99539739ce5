package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The store keeps (key, environment scope) unique by itself, whatever order requests arrive in. */
class GitLabStoreTest {
    private final GitLabStore store = new GitLabStore(Clock.systemUTC(), null, GitLabStore.SandboxSeed.standard());
    private final String owner = GitLabStore.projectOwner(GitLabSandbox.PROJECT_ID);

    private static CiVariable variable(String scope) {
        return new CiVariable("WIF_PROVIDER", "value-" + scope, "env_var", false, false, false, scope, null);
    }

    @Test
    void twoVariablesMovedToTheSameScopeDoNotBothWin() {
        CiVariable production = variable("production");
        CiVariable staging = variable("staging");
        assertThat(store.addVariable(owner, production)).isTrue();
        assertThat(store.addVariable(owner, staging)).isTrue();

        // two PUTs, each read its variable before the other wrote: both ask for scope "review"
        assertThat(store.replaceVariable(owner, production, variable("review"))).isEqualTo(GitLabStore.Replaced.DONE);
        assertThat(store.replaceVariable(owner, staging, variable("review"))).isEqualTo(GitLabStore.Replaced.TAKEN);

        assertThat(store.variables(owner)).extracting(CiVariable::environmentScope).containsExactly("review", "staging");
    }

    @Test
    void aVariableChangedMeanwhileIsNotFound() {
        CiVariable production = variable("production");
        store.addVariable(owner, production);
        store.replaceVariable(owner, production, new CiVariable("WIF_PROVIDER", "newer", "env_var", false, false, false,
                "production", null));

        assertThat(store.replaceVariable(owner, production, variable("production"))).isEqualTo(GitLabStore.Replaced.NOT_FOUND);
        assertThat(store.variables(owner)).extracting(CiVariable::value).containsExactly("newer");
    }
}
