package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wifdesk.cel.CelEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator per section, on every fixture of {@link SpecValidatorTest}: the sections together
 * give exactly the whole validation, each problem comes from the section its field names, and the
 * field-path selection keeps only what lies under the prefix.
 */
class SpecSectionsTest {
    private final SpecValidator validator = new SpecValidator(new CelEngine());
    private final SpecParser parser = new SpecParser(validator);

    static Stream<Arguments> fixtures() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("example", SpecFixtures.example().toString()));
        out.add(Arguments.of("many broken", manyBroken()));
        SpecValidatorTest.brokenRules().forEach(a -> out.add(Arguments.of(a.get()[0] + " = " + a.get()[1],
                SpecFixtures.exampleWith((String) a.get()[0], (String) a.get()[1]))));
        return out.stream();
    }

    private static String manyBroken() {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/project", SpecFixtures.json("Acme"));
        SpecFixtures.set(root, "/gcp/pool/id", SpecFixtures.json("gcp-ci"));
        SpecFixtures.set(root, "/gcp/provider/issuer", SpecFixtures.json("https://auth.gcp.gitlab.com/oidc/acme"));
        SpecFixtures.set(root, "/gcp/grant/0", SpecFixtures.json("attribute.repo/acme"));
        SpecFixtures.set(root, "/gcp/projectRoles/0", SpecFixtures.json("owner"));
        SpecFixtures.set(root, "/environments/1/name", SpecFixtures.json("production"));
        SpecFixtures.set(root, "/gitlab/project", SpecFixtures.json("pipelines"));
        SpecFixtures.set(root, "/dataflow/template", SpecFixtures.json("Word_Count"));
        return root.toString();
    }

    private FederationSpec spec(String json) {
        SpecParser.Result r = parser.read("spec.json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).as("the fixture is well-formed").isEmpty();
        return r.spec();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theSectionsTogetherAreTheWholeValidation(String name, String json) {
        FederationSpec spec = spec(json);
        List<SpecProblem> whole = validator.problems(spec);
        List<SpecProblem> union = new ArrayList<>();
        for (SpecSection s : SpecSection.values()) {
            List<SpecProblem> part = validator.problems(spec, s);
            assertThat(part).as("%s reports only its own fields", s).allSatisfy(p -> assertThat(s.covers(p.field()))
                    .as(p.field()).isTrue());
            assertThat(part).as("%s is what the whole validation says under %s", s, s.prefix())
                    .containsExactlyElementsOf(whole.stream().filter(p -> s.covers(p.field())).toList());
            union.addAll(part);
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(whole);
        assertThat(validator.problemsUnder(spec, "")).containsExactlyElementsOf(whole);
    }

    @Test
    void theFixturesReachEverySection() {
        List<SpecSection> reached = fixtures().map(a -> spec((String) a.get()[1]))
                .flatMap(s -> validator.problems(s).stream())
                .map(p -> SpecSection.of(p.field()).orElseThrow(() -> new AssertionError("no section for " + p.field())))
                .distinct().toList();
        assertThat(reached).containsExactlyInAnyOrder(SpecSection.values());
    }

    @Test
    void aFieldPrefixSelectsTheProblemsUnderIt() {
        FederationSpec spec = spec(manyBroken());
        assertThat(validator.problemsUnder(spec, "gcp")).extracting(SpecProblem::field)
                .containsExactly("gcp.project", "gcp.pool.id", "gcp.grant[0]", "gcp.projectRoles[0]", "gcp.provider.issuer");
        assertThat(validator.problemsUnder(spec, "gcp.provider.issuer")).extracting(SpecProblem::rule)
                .containsExactly(SpecRules.ISSUER_IS_GITLAB_URL);
        assertThat(validator.problemsUnder(spec, "gcp.pro")).as("a prefix ends at . or [").isEmpty();
        assertThat(validator.problemsUnder(spec, "environments[1]")).extracting(SpecProblem::field)
                .containsExactly("environments[1].name");
        assertThat(validator.problemsUnder(spec, "environments[0]")).isEmpty();
        assertThat(validator.problemsUnder(spec, "dataflow.template")).hasSize(1);
    }

    @Test
    void aWizardStepIsJudgedOnItsSectionOnly() throws Exception {
        FederationSpec spec = spec(manyBroken());
        var e = catchThrowableOfType(InvalidSpecException.class, () -> validator.validateSection(spec, SpecSection.POOL));
        assertThat(e.problems()).extracting(SpecProblem::field).containsExactly("gcp.pool.id");
        FederationSpec fine = spec(SpecFixtures.exampleWith("/gcp/pool/id", SpecFixtures.json("gcp-ci")));
        assertThat(validator.validateSection(fine, SpecSection.PROVIDER)).isSameAs(fine);
        assertThat(Arrays.stream(SpecSection.values()).filter(s -> s != SpecSection.POOL)
                .flatMap(s -> validator.problems(fine, s).stream())).isEmpty();
    }

    @Test
    void sectionsCoverTheirOwnPathsOnly() {
        assertThat(SpecSection.PROVIDER.covers("gcp.provider")).isTrue();
        assertThat(SpecSection.PROVIDER.covers("gcp.provider.attributeMapping[\"attribute.x\"]")).isTrue();
        assertThat(SpecSection.PROJECT.covers("gcp.projectRoles[0]")).isFalse();
        assertThat(SpecSection.PROJECT_ROLES.covers("gcp.projectRoles[0]")).isTrue();
        assertThat(SpecSection.GRANT.covers("gcp.grant")).isTrue();
        assertThat(SpecSection.of("environments[3].serviceAccount.id")).contains(SpecSection.ENVIRONMENTS);
        assertThat(SpecSection.of("spec.yml")).isEmpty();
    }
}
