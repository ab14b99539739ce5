package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks typed once in model: URLs, GitLab project paths, project numbers, the IAM prefix. */
class SharedChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://gitlab.com", "http://127.0.0.1:8929", " https://gitlab.example.com/sub ", "http://localhost:1"})
    void httpUrlsWithAHostAreAccepted(String url) {
        assertThat(HttpUrls.isHttp(url)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "gitlab.com", "ftp://gitlab.com", "httpx://gitlab.com", "https://", "https:///path", "http://a b"})
    void textsThatAreNotHttpUrlsAreRefused(String url) {
        assertThat(HttpUrls.isHttp(url)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"https://gitlab.com, true", "https://gitlab.example.com:8443/gitlab, true", "http://127.0.0.1:8929, true",
        "http://gitlab.com, false", "http://localhost:8929, false", "https://gitlab.com?x=1, false",
        "https://gitlab.com#top, false", "gitlab.com, false"})
    void aGitLabUrlIsHttpsOrTheLoopbackSandbox(String url, boolean ok) {
        assertThat(HttpUrls.isGitLabUrl(url)).isEqualTo(ok);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme/pipelines", "acme/sub.group/my-app", "_a/b", "A1/b_2"})
    void projectPathsOfTwoOrMoreSegmentsAreAccepted(String path) {
        assertThat(GitLabPaths.isProjectPath(path)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "acme", "/acme/app", "acme/app/", "acme//app", "acme/app.git", "acme/app.", "acme/-app",
        "acme/my app", "acme/ä"})
    void otherProjectPathsAreRefused(String path) {
        assertThat(GitLabPaths.isProjectPath(path)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"428617359021, true", "1, true", "12345678901234567890, true", "123456789012345678901, false",
        "acme-data-prod, false", "'', false", "12a, false", "-1, false", "'١٢٣', false"})
    void aProjectNumberIsOneToTwentyAsciiDigits(String text, boolean number) {
        assertThat(ResourceNames.isProjectNumber(text)).isEqualTo(number);
    }

    @ParameterizedTest
    @CsvSource({"projects/428617359021, 428617359021", "428617359021, 428617359021", "' projects/acme ', acme"})
    void theProjectOfAResourceManagerName(String name, String project) {
        assertThat(ResourceNames.projectOf(name)).isEqualTo(project);
        assertThat(ResourceNames.projectName(project)).isEqualTo("projects/" + project);
    }

    @ParameterizedTest
    @ValueSource(strings = {"projects/1/locations/global/workloadIdentityPools/p/providers/q",
        "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q",
        "https://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q"})
    void theFullNameHasThePrefixOnce(String name) {
        assertThat(ResourceNames.fullName(name))
                .isEqualTo("//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/s",
        "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*"})
    void principalsUseTheSameHost(String member) {
        assertThat(PrincipalIdentifier.parse(member).format()).isEqualTo(member);
        assertThat(member.replace(ResourceNames.IAM_HOST, "iamXgoogleapis.com")).satisfies(m ->
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PrincipalIdentifier.parse(m)))
                        .isInstanceOf(IllegalArgumentException.class));
    }
}
