package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {
    private final SpecParser parser = SpecFixtures.parser();

    @Test
    void yamlAndJsonOfTheCliExampleParseToTheSameSpec() throws Exception {
        FederationSpec fromYaml = parser.parse("spec.yaml", SpecFixtures.resource("example.yaml"));
        FederationSpec fromJson = parser.parse("spec.json", SpecFixtures.resource("example.json"));
        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(List.copyOf(fromYaml.gcp().provider().attributeMapping().keySet()))
                .isEqualTo(List.copyOf(fromJson.gcp().provider().attributeMapping().keySet()));
    }

    @Test
    void cliExampleValuesLandInTheirFields() throws Exception {
        FederationSpec spec = parser.parse("spec.yaml", SpecFixtures.resource("example.yaml"));
        var gcp = spec.gcp();
        assertThat(gcp.project()).isEqualTo("acme-data-prod");
        assertThat(gcp.pool()).isEqualTo(new FederationSpec.Pool("gitlab-ci", "GitLab CI", "Keyless GitLab CI"));
        assertThat(gcp.provider().id()).isEqualTo("gitlab-com");
        assertThat(gcp.provider().issuer()).isEqualTo("https://gitlab.com");
        assertThat(gcp.provider().audiences()).containsExactly("https://gitlab.com");
        assertThat(gcp.provider().usesDefaultAudience()).isFalse();
        assertThat(gcp.provider().attributeMapping().keySet()).containsExactly("google.subject",
                "attribute.project_id", "attribute.project_path", "attribute.namespace_path", "attribute.ref",
                "attribute.ref_protected");
        assertThat(gcp.provider().attributeCondition())
                .isEqualTo("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"");
        assertThat(gcp.serviceAccount()).isEqualTo(new FederationSpec.ServiceAccount("gitlab-dataflow", true));
        assertThat(gcp.serviceAccount().email("acme-data-prod"))
                .isEqualTo("gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com");
        assertThat(gcp.grant()).containsExactly("attribute.project_path/acme/pipelines");
        assertThat(gcp.projectRoles()).containsExactly("roles/dataflow.developer", "roles/dataflow.worker");
        assertThat(spec.environments()).containsExactly(
                new FederationSpec.Environment("production", new FederationSpec.ServiceAccount("gitlab-dataflow-prod", true), true),
                new FederationSpec.Environment("staging", new FederationSpec.ServiceAccount("gitlab-dataflow-stg", true), false));
        assertThat(spec.gitlab()).contains(new FederationSpec.GitLab("https://gitlab.com", "acme/pipelines", "main",
                new FederationSpec.Variables(true, "*")));
        var dataflow = spec.dataflow().orElseThrow();
        assertThat(dataflow.region()).isEqualTo("europe-west1");
        assertThat(dataflow.template()).isEqualTo("gs://dataflow-templates-europe-west1/latest/Word_Count");
        assertThat(dataflow.parameters()).containsExactly(
                Map.entry("inputFile", "gs://dataflow-samples/shakespeare/kinglear.txt"),
                Map.entry("output", "gs://acme-tmp/wifdesk/out"));
        assertThat(dataflow.tempLocation()).isEqualTo("gs://acme-tmp/wifdesk/tmp");
    }

    @Test
    void minimalSpecGetsTheDefaults() throws Exception {
        String yaml = """
                gcp:
                  project: acme-data-prod
                  pool: { id: gitlab-ci }
                  provider:
                    id: acme-gitlab
                    issuer: https://gitlab.acme.example
                    attributeMapping: { google.subject: assertion.sub }
                  serviceAccount: { id: gitlab-dataflow }
                  grant: ["subject/project_path:acme/pipelines:ref_type:branch:ref:main"]
                """;
        FederationSpec spec = parser.parse("min.yaml", yaml);
        assertThat(spec.gcp().pool().displayName()).isEqualTo("gitlab-ci");
        assertThat(spec.gcp().pool().description()).isEmpty();
        assertThat(spec.gcp().provider().audiences()).isEmpty();
        assertThat(spec.gcp().provider().usesDefaultAudience()).isTrue();
        assertThat(spec.gcp().provider().hasCondition()).isFalse();
        assertThat(spec.gcp().serviceAccount().create()).isTrue();
        assertThat(spec.gcp().projectRoles()).isEmpty();
        assertThat(spec.environments()).isEmpty();
        assertThat(spec.gitlab()).isEmpty();
        assertThat(spec.dataflow()).isEmpty();
    }

    @Test
    void gitlabSectionDefaults() throws Exception {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gitlab", "{\"url\": \"http://127.0.0.1:8929\", \"project\": \"acme/pipelines\"}");
        FederationSpec spec = parser.parse("spec.json", root.toString());
        assertThat(spec.gitlab().orElseThrow().ref()).isEqualTo("main");
        assertThat(spec.gitlab().orElseThrow().variables()).isEqualTo(new FederationSpec.Variables(true, "*"));
    }

    @Test
    void unknownKeyIsRejectedWithTheClosestKnownKey() {
        String yaml = SpecFixtures.resource("example.yaml").replace("audiences:", "audiance:");
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", yaml));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("gcp.provider.audiance");
            assertThat(p.rule()).isEqualTo(SpecRules.KNOWN_KEYS);
            assertThat(p.message()).contains("did you mean \"audiences\"?");
        });
    }

    @Test
    void typosAtEveryLevelAreSuggested() {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/serviceAccount/craete", "true");
        SpecFixtures.set(root, "/environments/0/protectOnly", "true");
        SpecFixtures.set(root, "/dataflow/templte", "\"gs://x/y\"");
        SpecFixtures.set(root, "/enviroments", "[]");
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.json", root.toString()));
        assertThat(e.problems()).extracting(SpecProblem::field).containsExactlyInAnyOrder(
                "gcp.serviceAccount.craete", "environments[0].protectOnly", "dataflow.templte", "enviroments");
        assertThat(e.problems()).extracting(SpecProblem::message).anySatisfy(m -> assertThat(m).contains("\"create\""))
                .anySatisfy(m -> assertThat(m).contains("\"protectedOnly\""))
                .anySatisfy(m -> assertThat(m).contains("\"template\""))
                .anySatisfy(m -> assertThat(m).contains("\"environments\""));
    }

    @Test
    void unknownKeyFarFromAnyKnownOneListsTheKnownKeys() {
        var e = catchThrowableOfType(InvalidSpecException.class,
                () -> parser.parse("spec.json", SpecFixtures.exampleWith("/gcp/pool/colour", "\"blue\"")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("gcp.pool.colour");
            assertThat(p.message()).doesNotContain("did you mean").contains("id, displayName, description");
        });
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        String yaml = "gcp:\n  project: acme-data-prod\n  pool: { id: gitlab-ci\n  provider:\n";
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", yaml));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("spec.yaml");
            assertThat(p.rule()).isEqualTo("the spec is well-formed YAML");
            assertThat(p.message()).matches("spec\\.yaml: line \\d+, column \\d+: .+");
            assertThat(p.message()).doesNotContain("\n");
        });
    }

    @Test
    void badIndentationInYamlNamesItsLine() {
        String yaml = "gcp:\n  project: acme-data-prod\n    pool: x\n";
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yml", yaml));
        assertThat(e.problems().get(0).message()).startsWith("spec.yml: line 3, column ");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String json = "{\n  \"gcp\": {\n    \"project\": \"acme-data-prod\",\n    \"pool\": {\"id\": \"gitlab-ci\",}\n  }\n}";
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.json", json));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("the spec is well-formed JSON");
            assertThat(p.message()).startsWith("spec.json: line 4, column ");
        });
    }

    @Test
    void duplicateKeyIsRejectedNotSilentlyOverwritten() {
        String yaml = SpecFixtures.resource("example.yaml").replace("  project: acme-data-prod",
                "  project: acme-data-prod\n  project: acme-data-test");
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", yaml));
        assertThat(e.problems().get(0).message()).contains("line 3").contains("project");
    }

    @Test
    void formatIsDetectedFromContentWithoutAnExtension() throws Exception {
        assertThat(parser.parse("spec", SpecFixtures.resource("example.json")))
                .isEqualTo(parser.parse("spec", SpecFixtures.resource("example.yaml")));
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec", "{\"gcp\": "));
        assertThat(e.problems().get(0).rule()).isEqualTo("the spec is well-formed JSON");
    }

    @Test
    void emptyFileIsBadInput() {
        for (String empty : List.of("", "   \n\n", "# only a comment\n")) {
            var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", empty));
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("spec.yaml");
                assertThat(p.message()).contains("is empty");
            });
        }
    }

    @Test
    void binaryGarbageIsNotATextFile() {
        byte[] garbage = new byte[512];
        new Random(42).nextBytes(garbage);
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", garbage));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(SpecRules.TEXT_FILE);
            assertThat(p.message()).contains("not a text file");
        });
        byte[] withNul = "gcp:\n  project: a\u0000b\n".getBytes(StandardCharsets.UTF_8);
        var nul = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", withNul));
        assertThat(nul.problems().get(0).message()).contains("U+0000").contains("line 2, column 13");
    }

    @Test
    void topLevelMustBeAMapping() {
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", "- gcp\n- gitlab\n"));
        assertThat(e.problems().get(0).message()).contains("top level is a list");
        var scalar = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", "hello"));
        assertThat(scalar.problems().get(0).rule()).isEqualTo(SpecRules.TOP_LEVEL_OBJECT);
    }

    @Test
    void secondYamlDocumentIsNotSilentlyIgnored() {
        String yaml = SpecFixtures.resource("example.yaml") + "---\ngcp: {}\n";
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", yaml));
        assertThat(e.problems().get(0).message()).contains("more than one document");
    }

    @Test
    void yamlAliasIsRefusedInsteadOfReadAsItsName() {
        // Jackson trees do not resolve aliases: *proj would silently become the text "proj"
        String yaml = SpecFixtures.resource("example.yaml").replace("  ref: main", "  ref: *branch")
                .replace("  project: acme/pipelines", "  project: acme/pipelines\n  # main branch below");
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", yaml));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("alias *branch is not supported").contains("line 30, column 8");
            assertThat(p.rule()).isEqualTo("the spec is well-formed YAML");
        });
        String withAnchor = "gcp:\n  project: &p acme-data-prod\n  grant: [*p]\n";
        var anchored = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", withAnchor));
        assertThat(anchored.problems().get(0).message()).contains("alias *p");
    }

    @Test
    void yamlMergeKeyIsNamedAsSuch() {
        String yaml = SpecFixtures.resource("example.yaml").replace("    id: gitlab-com\n",
                "    id: gitlab-com\n    <<: {issuer: https://gitlab.com}\n");
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", yaml));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("gcp.provider.<<");
            assertThat(p.message()).contains("merge keys are not supported").doesNotContain("did you mean");
        });
    }

    @Test
    void wrongTypesNameTheFieldAndWhatWasFound() {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/provider/audiences", "\"https://gitlab.com\"");
        SpecFixtures.set(root, "/gcp/serviceAccount/create", "\"yes\"");
        SpecFixtures.set(root, "/gcp/pool", "\"gitlab-ci\"");
        SpecFixtures.set(root, "/gcp/provider/attributeMapping/attribute.ref", "{\"expr\": \"assertion.ref\"}");
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.json", root.toString()));
        assertThat(e.problems()).extracting(SpecProblem::message).containsExactlyInAnyOrder(
                "gcp.pool: is text \"gitlab-ci\", expected a mapping (rule: a mapping)",
                "gcp.provider.audiences: is text \"https://gitlab.com\", expected a list (rule: a list)",
                "gcp.provider.attributeMapping[\"attribute.ref\"]: is a mapping, expected text (rule: a text value)",
                "gcp.serviceAccount.create: is text \"yes\", expected true or false (rule: true or false)");
    }

    @Test
    void missingSectionsAreNamed() {
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.yaml", "gitlab: {}\n"));
        assertThat(e.problems()).extracting(SpecProblem::field)
                .contains("gcp", "gitlab.url", "gitlab.project").doesNotContain("gcp.project", "gcp.pool");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.rule()).isEqualTo(SpecRules.REQUIRED));
    }

    @Test
    void numbersAreReadAsTextAndJudgedByTheRules() {
        var e = catchThrowableOfType(InvalidSpecException.class,
                () -> parser.parse("spec.json", SpecFixtures.exampleWith("/gcp/project", "428617359021")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("gcp.project");
            assertThat(p.message()).contains("is a project number");
        });
    }

    @Test
    void structuralAndRuleProblemsAreReportedTogether() {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/pool/id", "\"gcp-ci\"");
        SpecFixtures.set(root, "/gcp/provider/audiance", "[]");
        SpecFixtures.set(root, "/gcp/serviceAccount/id", "\"sa\"");
        SpecFixtures.set(root, "/dataflow/region", "\"Europe West\"");
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.json", root.toString()));
        assertThat(e.problems()).extracting(SpecProblem::field).containsExactlyInAnyOrder(
                "gcp.provider.audiance", "gcp.pool.id", "gcp.serviceAccount.id", "dataflow.region");
        assertThat(e.getMessage()).endsWith("(and 3 more problems)").doesNotContain("\n");
        assertThat(e.report().lines()).hasSize(4);
    }

    @Test
    void loadReadsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wif.yaml");
        Files.writeString(file, SpecFixtures.resource("example.yaml"));
        assertThat(parser.load(file).gcp().project()).isEqualTo("acme-data-prod");
        assertThatThrownBy(() -> parser.load(dir.resolve("nope.yaml"))).isInstanceOfSatisfying(
                InvalidSpecException.class, e -> assertThat(e.getMessage()).startsWith("nope.yaml: file not found"));
    }

    @Test
    void readReportsStructureOnly() {
        var result = parser.read("spec.json", SpecFixtures.exampleWith("/gcp/pool/id", "\"gcp-ci\"").getBytes(
                StandardCharsets.UTF_8));
        assertThat(result.problems()).isEmpty();
        assertThat(result.spec().gcp().pool().id()).isEqualTo("gcp-ci");
    }
}
