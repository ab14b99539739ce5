package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalIdentifierTest {
    static final String POOL = "iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/";

    @ParameterizedTest
    @ValueSource(strings = {
            "principal://" + POOL + "subject/project_path:acme/pipelines:ref_type:branch:ref:main",
            "principalSet://" + POOL + "attribute.project_path/acme/pipelines",
            "principalSet://" + POOL + "group/acme-admins",
            "principalSet://" + POOL + "*"})
    void parseAndFormatRoundTrip(String member) {
        PrincipalIdentifier id = PrincipalIdentifier.parse(member);
        assertThat(id.format()).isEqualTo(member);
        assertThat(id.toString()).isEqualTo(member);
        assertThat(id.project()).isEqualTo("428617359021");
        assertThat(id.poolId()).isEqualTo("gitlab-ci");
        assertThat(PrincipalIdentifier.parse(id.format())).isEqualTo(id);
    }

    @Test
    void eachKindKeepsItsParts() {
        assertThat(PrincipalIdentifier.parse("principal://" + POOL + "subject/a/b:c"))
                .isEqualTo(PrincipalIdentifier.subject("428617359021", "gitlab-ci", "a/b:c"));
        assertThat(PrincipalIdentifier.parse("principalSet://" + POOL + "attribute.ref/release/1.0"))
                .isEqualTo(PrincipalIdentifier.attribute("428617359021", "gitlab-ci", "ref", "release/1.0"));
        assertThat(PrincipalIdentifier.parse("principalSet://" + POOL + "group/acme"))
                .isEqualTo(PrincipalIdentifier.group("428617359021", "gitlab-ci", "acme"));
        assertThat(PrincipalIdentifier.parse("principalSet://" + POOL + "*"))
                .isEqualTo(PrincipalIdentifier.all("428617359021", "gitlab-ci"));
    }

    @Test
    void projectIdInsteadOfNumberIsDetected() {
        var byNumber = PrincipalIdentifier.parse("principalSet://" + POOL + "attribute.project_path/acme/pipelines");
        var byId = PrincipalIdentifier.parse("principalSet://" + POOL.replace("428617359021", "acme-data-prod")
                + "attribute.project_path/acme/pipelines");
        assertThat(byNumber.usesProjectNumber()).isTrue();
        assertThat(byId.usesProjectNumber()).isFalse();
        assertThat(byId.project()).isEqualTo("acme-data-prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "serviceAccount:gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com",
            "principalSet://" + POOL + "attribute.project_path/",
            "principalSet://" + POOL + "attribute.Project_Path/acme",
            "principalSet://" + POOL + "subject/project_path:acme",
            "principal://" + POOL + "attribute.project_path/acme",
            "principal://" + POOL + "subject/",
            "principalSet://" + POOL + "group/",
            "principalSet://" + POOL + "**",
            "principalSet://iam.googleapis.com/projects/428617359021/locations/europe-west1/workloadIdentityPools/gitlab-ci/*",
            "principalSet://iam.googleapis.com/projects/428617359021/workloadIdentityPools/gitlab-ci/*",
            "principalSet://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci",
            "principalSet://sts.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/*",
            "principalset://" + POOL + "*"})
    void malformedMembersAreRejectedWithTheExpectedShape(String member) {
        assertThatThrownBy(() -> PrincipalIdentifier.parse(member)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(member.isEmpty() ? "principal identifier is empty"
                        : "'.*' is not a principal identifier: expected principal://iam\\.googleapis\\.com/projects/NUMBER/.*");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> PrincipalIdentifier.parse(null)).hasMessage("principal identifier is empty");
    }

    @Test
    void looksLikeFederatedOnlyChecksTheScheme() {
        assertThat(PrincipalIdentifier.looksLikeFederated("principalSet://whatever")).isTrue();
        assertThat(PrincipalIdentifier.looksLikeFederated("principal://whatever")).isTrue();
        assertThat(PrincipalIdentifier.looksLikeFederated("user:dana@acme.example")).isFalse();
        assertThat(PrincipalIdentifier.looksLikeFederated(null)).isFalse();
    }
}
