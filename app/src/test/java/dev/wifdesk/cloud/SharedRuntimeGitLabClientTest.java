package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.ws.rs.client.Client;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Variable;
import org.glassfish.jersey.client.ClientLifecycleListener;
import dev.wifdesk.audit.PublishedMessages;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gitlab4j through {@link SharedRuntimeGitLabClient}: the same requests and answers, one Jersey runtime for all. */
class SharedRuntimeGitLabClientTest {
    private static final String PROJECT = GitLabSandbox.PROJECT_PATH;
    private static final SharedRuntimeGitLabClient.Timeouts TIMEOUTS =
            new SharedRuntimeGitLabClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    private GitLabSandbox gitlab;

    @BeforeEach
    void start() {
        gitlab = GitLabSandbox.start(GitLabSandbox.Settings.defaults());
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    /** Jersey calls onInit once per runtime it builds (stock gitlab4j 6.2.0 builds one per request). */
    private static final class RuntimeCounter implements ClientLifecycleListener {
        final AtomicInteger runtimes = new AtomicInteger();

        @Override
        public void onInit() {
            runtimes.incrementAndGet();
        }

        @Override
        public void onClose() {
        }
    }

    @Test
    void readsWritesQueriesAndNotFoundsAllGoThroughOneJerseyRuntime() throws Exception {
        RuntimeCounter counter = new RuntimeCounter();
        try (GitLabApi api = SharedRuntimeGitLabClient.open(gitlab.baseUrl().toString(), gitlab.token(), TIMEOUTS,
                List.of(counter))) {
            assertThat(api.getProjectApi().getProject(PROJECT).getPathWithNamespace()).isEqualTo(PROJECT);
            // a form body (POST), then the same key in a second scope
            api.getProjectApi().createVariable(PROJECT, "WIF_SERVICE_ACCOUNT", "prod@p.iam.gserviceaccount.com",
                    Variable.Type.ENV_VAR, true, true, "production");
            api.getProjectApi().createVariable(PROJECT, "WIF_SERVICE_ACCOUNT", "stg@p.iam.gserviceaccount.com",
                    Variable.Type.ENV_VAR, false, true, "staging");
            // a query parameter picks the scope: without it GitLab answers 409
            assertThat(new GitLabScopedVariables(api).get(PROJECT, "WIF_SERVICE_ACCOUNT", "staging").getValue())
                    .isEqualTo("stg@p.iam.gserviceaccount.com");
            // paged list (per_page and page in the query)
            assertThat(api.getProjectApi().getVariables(PROJECT)).extracting(Variable::getEnvironmentScope)
                    .containsExactlyInAnyOrder("production", "staging");
            assertThat(api.getRepositoryApi().getOptionalBranch(PROJECT, "no-such-branch")).isEmpty();
            assertThat(api.getRepositoryApi().getOptionalBranch(PROJECT, "main")).isPresent();
        }
        assertThat(counter.runtimes).as("Jersey runtimes built for 7 requests").hasValue(1);
    }

    @Test
    void aClientBuiltAheadServesTheConnectionAndIsClosedWithIt() throws Exception {
        CompletableFuture<Client> ahead = SharedRuntimeGitLabClient.buildAhead(TIMEOUTS);
        ahead.join(); // built, runtime included, before any URL or token is known
        try (GitLabApi api = SharedRuntimeGitLabClient.open(gitlab.baseUrl().toString(), gitlab.token(), TIMEOUTS, ahead)) {
            assertThat(api.getProjectApi().getProject(PROJECT).getPathWithNamespace()).isEqualTo(PROJECT);
            assertThat(api.getRepositoryApi().getOptionalBranch(PROJECT, "main")).isPresent();
        }
        assertThatThrownBy(() -> ahead.join().target(gitlab.baseUrl())).as("the connection's close closed it")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTokenGoesInTheHeaderSoAWrongOneIs401() {
        try (GitLabApi api = SharedRuntimeGitLabClient.open(gitlab.baseUrl().toString(), "glpat-wrong", TIMEOUTS, List.of())) {
            assertThatThrownBy(() -> api.getProjectApi().getProject(PROJECT))
                    .isInstanceOfSatisfying(GitLabApiException.class, e -> assertThat(e.getHttpStatus()).isEqualTo(401));
        }
    }

    @Test
    void theReadTimeoutIsTheClientsOwn() {
        try (GitLabSandbox slow = GitLabSandbox.start(GitLabSandbox.Settings.defaults().withLatencyMs(2_000));
             GitLabApi api = SharedRuntimeGitLabClient.open(slow.baseUrl().toString(), slow.token(),
                     new SharedRuntimeGitLabClient.Timeouts(Duration.ofSeconds(5), Duration.ofMillis(200)), List.of())) {
            assertThatThrownBy(() -> api.getProjectApi().getProject(PROJECT)).hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void jerseyRunsWithoutHk2AndItsOneWarningAboutThatIsDropped() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.glassfish.jersey.inject.hk2.Hk2InjectionManagerFactory"))
                .as("jersey-hk2 is left out (pom.xml)").isInstanceOf(ClassNotFoundException.class);
        Logger jersey = Logger.getLogger("org.glassfish.jersey.client.innate.inject.NonInjectionManager");
        PublishedMessages capture = new PublishedMessages();
        jersey.addHandler(capture);
        try (GitLabApi api = GitLabConnection.open(gitlab.baseUrl().toString(), gitlab.token())) {
            assertThat(api.getProjectApi().getProject(PROJECT).getPathWithNamespace()).isEqualTo(PROJECT);
            jersey.warning("Jersey-HK2 module is missing. Falling back to injection-less client.");
            jersey.warning("No binding found for some.Type.");
        } finally {
            jersey.removeHandler(capture);
        }
        assertThat(capture.messages).containsExactly("No binding found for some.Type.");
    }

    @Test
    void gitLabConnectionOpensThroughItAndPlainGitLab4jDoesNot() {
        try (GitLabApi ours = GitLabConnection.open(gitlab.baseUrl().toString(), gitlab.token());
             GitLabApi plain = new GitLabApi(gitlab.baseUrl().toString(), gitlab.token())) {
            assertThat(SharedRuntimeGitLabClient.isUsedBy(ours)).as("the apiClient field was replaced").isTrue();
            assertThat(SharedRuntimeGitLabClient.isUsedBy(plain)).isFalse();
        }
    }
}
