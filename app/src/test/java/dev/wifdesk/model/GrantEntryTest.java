package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantEntryTest {
    private final SpecParser parser = SpecFixtures.parser();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "attribute.project_path/acme/pipelines | principalSet://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines",
            "subject/project_path:acme/pipelines:ref_type:branch:ref:main | principal://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/subject/project_path:acme/pipelines:ref_type:branch:ref:main",
            "group/acme-admins | principalSet://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/group/acme-admins",
            "* | principalSet://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/*"})
    void toPrincipalSetBuildsTheMemberWithTheProjectNumberAndPool(String entry, String member) throws Exception {
        FederationSpec spec = parser.parse("spec.yaml", SpecFixtures.resource("example.yaml"));
        PrincipalIdentifier id = spec.toPrincipalSet("428617359021", entry.strip());
        assertThat(id.format()).isEqualTo(member.strip());
        assertThat(id.usesProjectNumber()).isTrue();
        assertThat(PrincipalIdentifier.parse(id.format())).isEqualTo(id);
        assertThat(GrantEntry.parse(entry.strip()).format()).isEqualTo(entry.strip());
    }

    @Test
    void toPrincipalSetRefusesTheProjectId() throws Exception {
        FederationSpec spec = parser.parse("spec.yaml", SpecFixtures.resource("example.yaml"));
        assertThatThrownBy(() -> spec.toPrincipalSet("acme-data-prod", "attribute.project_path/acme/pipelines"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"acme-data-prod\" is not a project number").hasMessageContaining("NUMBER");
        assertThatThrownBy(() -> spec.toPrincipalSet("428617359021", "project_path/acme"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attribute.NAME/VALUE");
    }

    @Test
    void grantEntriesOfTheExampleParse() throws Exception {
        FederationSpec spec = parser.parse("spec.yaml", SpecFixtures.resource("example.yaml"));
        assertThat(spec.grantEntries()).containsExactly(
                new GrantEntry(PrincipalIdentifier.Kind.ATTRIBUTE, "project_path", "acme/pipelines"));
        assertThat(spec.grantEntries().get(0).requiredMappingKey()).contains("attribute.project_path");
    }

    @Test
    void requiredMappingKeys() {
        assertThat(GrantEntry.parse("group/g").requiredMappingKey()).contains("google.groups");
        assertThat(GrantEntry.parse("subject/s").requiredMappingKey()).isEmpty();
        assertThat(GrantEntry.parse("*").requiredMappingKey()).isEmpty();
    }

    @Test
    void keySuggestionsFindTyposButNotOtherWords() {
        var known = java.util.List.of("id", "issuer", "audiences", "attributeMapping", "attributeCondition");
        assertThat(KeySuggestions.closest("audiance", known)).contains("audiences");
        assertThat(KeySuggestions.closest("Issuer", known)).contains("issuer");
        assertThat(KeySuggestions.closest("attributeMaping", known)).contains("attributeMapping");
        assertThat(KeySuggestions.closest("atributeCondtion", known)).contains("attributeCondition");
        assertThat(KeySuggestions.closest("colour", known)).isEmpty();
        assertThat(KeySuggestions.closest("<<", known)).isEmpty();
        assertThat(KeySuggestions.closest("di", known)).contains("id");
        assertThat(KeySuggestions.distance("ab", "ba")).isEqualTo(1);
    }
}
