package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wizard saves what the CLI reads: parse(write(spec)) is the spec again, for several shapes of spec. */
class SpecWriterTest {
    private final SpecParser parser = SpecFixtures.parser();
    private final SpecWriter writer = new SpecWriter();

    private FederationSpec roundTrip(FederationSpec spec) throws InvalidSpecException {
        return parser.parse("wizard.yaml", writer.write(spec));
    }

    @Test
    void theCliExampleWithEnvironmentsGitLabAndDataflowSurvivesARoundTrip() throws Exception {
        FederationSpec example = parser.parse("example.json", SpecFixtures.resource("example.json"));
        assertThat(example.environments()).hasSize(2);
        assertThat(roundTrip(example)).isEqualTo(example);
    }

    @Test
    void aSpecWithoutGitLabOrDataflowOrEnvironmentsStaysWithoutThem() throws Exception {
        var root = SpecFixtures.example();
        for (String section : List.of("/gitlab", "/dataflow", "/environments")) {
            SpecFixtures.set(root, section, null);
        }
        FederationSpec spec = parser.parse("bare.json", root.toString());
        String yaml = writer.write(spec);
        assertThat(yaml).doesNotContain("gitlab:", "dataflow:", "environments:");
        FederationSpec back = roundTrip(spec);
        assertThat(back).isEqualTo(spec);
        assertThat(back.gitlab()).isEmpty();
        assertThat(back.dataflow()).isEmpty();
    }

    @Test
    void theDefaultAudienceNoConditionAndValuesYamlWouldMisreadKeepTheirMeaning() throws Exception {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("google.subject", "assertion.sub");
        mapping.put("attribute.ref", "assertion.ref");
        // a private issuer needs no condition; "true", "123", ": " and "#" must stay strings
        FederationSpec spec = new FederationSpec(new FederationSpec.Gcp("acme-123",
                new FederationSpec.Pool("gitlab-ci", "true", "CI: #1 - keyless"),
                new FederationSpec.Provider("gitlab-self", "https://gitlab.acme.example", List.of(), mapping, ""),
                new FederationSpec.ServiceAccount("gitlab-dataflow", false), List.of("attribute.ref/main"),
                List.of("roles/dataflow.developer")),
                List.of(new FederationSpec.Environment("production", new FederationSpec.ServiceAccount("prod-sa", true), true)),
                Optional.of(new FederationSpec.GitLab("https://gitlab.acme.example", "acme/pipelines", "123",
                        new FederationSpec.Variables(false, "production"))),
                Optional.empty());
        assertThat(parser.read("x.yaml", writer.write(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .problems()).isEmpty();
        FederationSpec back = parser.read("x.yaml", writer.write(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .spec();
        assertThat(back).isEqualTo(spec);
        assertThat(back.gcp().provider().usesDefaultAudience()).isTrue();
        assertThat(back.gcp().pool().displayName()).isEqualTo("true");
        assertThat(back.gitlab().orElseThrow().ref()).isEqualTo("123");
    }

    @Test
    void aMultiLineConditionAndQuotesInItRoundTrip() throws Exception {
        String condition = "assertion.namespace_path == \"acme\"\n  && assertion.ref_protected == \"true\"";
        String json = SpecFixtures.exampleWith("/gcp/provider/attributeCondition", SpecFixtures.json(condition));
        FederationSpec spec = parser.parse("multi.json", json);
        assertThat(roundTrip(spec).gcp().provider().attributeCondition()).isEqualTo(condition);
    }

    @Test
    void anUnfinishedSpecLeavesOutWhatItLacksSoTheParserNamesIt() {
        FederationSpec draft = new FederationSpec(new FederationSpec.Gcp("acme-data-prod", null, null, null, null, null),
                List.of(), Optional.empty(), Optional.empty());
        String yaml = writer.write(draft);
        assertThat(yaml).contains("project: acme-data-prod").doesNotContain("pool", "null");
        InvalidSpecException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSpecException.class,
                () -> parser.parse("draft.yaml", yaml));
        assertThat(e.problems()).extracting(SpecProblem::field).contains("gcp.pool", "gcp.provider");
    }
}
