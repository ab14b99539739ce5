package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wifdesk.cel.CelEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the WIF-FACTS.md limits table, each broken once in the CLI.md example. */
class SpecValidatorTest {
    private final SpecParser parser = SpecFixtures.parser();

    static String q(String s) {
        return SpecFixtures.json(s);
    }

    static String mappingWith(int customAttributes) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.subject", "assertion.sub");
        for (int i = 0; i < customAttributes; i++) {
            m.put("attribute.a" + i, "assertion.project_path");
        }
        m.put("attribute.project_path", "assertion.project_path");
        return SpecFixtures.json(m);
    }

    /** pointer, new JSON value (null removes), field named, rule named, detail fragment. */
    static Stream<Arguments> brokenRules() {
        String pool = SpecRules.POOL_ID;
        String provider = SpecRules.PROVIDER_ID;
        String mapping = "gcp.provider.attributeMapping";
        String condition = "/gcp/provider/attributeCondition";
        String longMapping = "assertion.ref + \"" + "x".repeat(2040) + "\"";
        String longCondition = "assertion.namespace_path == \"acme\" && " + "true && ".repeat(600) + "true";
        assertThat(longMapping.length()).isGreaterThan(SpecRules.MAPPING_EXPRESSION_MAX);
        assertThat(longCondition.length()).isGreaterThan(SpecRules.CONDITION_MAX);
        return Stream.of(
                arguments("/gcp/pool/id", q("gcp-ci"), "gcp.pool.id", pool, "\"gcp-ci\" must not start with \"gcp-\""),
                arguments("/gcp/pool/id", q("abc"), "gcp.pool.id", pool, "is 3 chars"),
                arguments("/gcp/pool/id", q("a".repeat(33)), "gcp.pool.id", pool, "is 33 chars"),
                arguments("/gcp/pool/id", q("GitLab_CI"), "gcp.pool.id", pool, "'G', 'L', '_', 'C', 'I'"),
                arguments("/gcp/pool/id", null, "gcp.pool.id", SpecRules.REQUIRED, "is missing"),
                arguments("/gcp/provider/id", q("gcp-gitlab"), "gcp.provider.id", provider, "must not start with \"gcp-\""),
                arguments("/gcp/provider/id", q("gl"), "gcp.provider.id", provider, "is 2 chars"),
                arguments("/gcp/provider/id", q("gitlab.com"), "gcp.provider.id", provider, "'.'"),
                arguments("/gcp/pool/displayName", q("x".repeat(33)), "gcp.pool.displayName", SpecRules.DISPLAY_NAME, "33 chars"),
                arguments("/gcp/pool/description", q("x".repeat(257)), "gcp.pool.description", SpecRules.DESCRIPTION, "257 chars"),
                arguments("/gcp/provider/attributeMapping/google.subject", null, mapping,
                        SpecRules.SUBJECT_MAPPING_REQUIRED, "has no google.subject"),
                arguments("/gcp/provider/attributeMapping", mappingWith(50), mapping,
                        SpecRules.MAPPING_ATTRIBUTE_COUNT, "maps 51 custom attributes"),
                arguments("/gcp/provider/attributeMapping/attribute.Ref", q("assertion.ref"),
                        mapping + "[\"attribute.Ref\"]", SpecRules.MAPPING_KEY, "[a-z0-9_]"),
                arguments("/gcp/provider/attributeMapping/attribute." + "x".repeat(101), q("assertion.ref"),
                        mapping + "[\"attribute." + "x".repeat(101) + "\"]", SpecRules.MAPPING_KEY, "1-100 chars"),
                arguments("/gcp/provider/attributeMapping/attribute.", q("assertion.ref"),
                        mapping + "[\"attribute.\"]", SpecRules.MAPPING_KEY, "1-100 chars"),
                arguments("/gcp/provider/attributeMapping/google.email", q("assertion.user_email"),
                        mapping + "[\"google.email\"]", SpecRules.MAPPING_KEY, "not a google attribute"),
                arguments("/gcp/provider/attributeMapping/ref", q("assertion.ref"),
                        mapping + "[\"ref\"]", SpecRules.MAPPING_KEY, "neither attribute. nor google."),
                arguments("/gcp/provider/attributeMapping/attribute.ref", q(longMapping),
                        mapping + "[\"attribute.ref\"]", SpecRules.MAPPING_EXPRESSION_LENGTH, longMapping.length() + " chars"),
                arguments("/gcp/provider/attributeMapping/attribute.ref", q("assertion.ref +"),
                        mapping + "[\"attribute.ref\"]", SpecRules.MAPPING_EXPRESSION_COMPILES, "line 1, column "),
                arguments("/gcp/provider/attributeMapping/attribute.ref", q("assertion.ref.lowerAscii(1, 2)"),
                        mapping + "[\"attribute.ref\"]", SpecRules.MAPPING_EXPRESSION_COMPILES, "lowerAscii"),
                arguments("/gcp/provider/attributeMapping/attribute.ref", q("attribute.project_path"),
                        mapping + "[\"attribute.ref\"]", SpecRules.MAPPING_READS_ASSERTION, "attribute.project_path"),
                arguments(condition, q(longCondition),
                        "gcp.provider.attributeCondition", SpecRules.CONDITION_LENGTH, "is " + longCondition.length() + " chars"),
                arguments(condition, q("assertion.namespace_path == \"acme\" &&\n  assertion.ref_protected = \"true\""),
                        "gcp.provider.attributeCondition", SpecRules.CONDITION_COMPILES, "line 2, column "),
                arguments(condition, q("size(assertion.ref)"),
                        "gcp.provider.attributeCondition", SpecRules.CONDITION_COMPILES, "not a bool"),
                arguments(condition, q("1 == 1"), "gcp.provider.attributeCondition",
                        SpecRules.CONDITION_REFERENCES_CLAIMS, ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS),
                arguments(condition, q("attribute.environment == \"production\""), "gcp.provider.attributeCondition",
                        SpecRules.CONDITION_MAPPED_ONLY, "attribute.environment"),
                arguments(condition, q("google.groups.exists(g, g == \"acme\")"), "gcp.provider.attributeCondition",
                        SpecRules.CONDITION_MAPPED_ONLY, "google.groups"),
                arguments(condition, q("assertion.namespace_path == \"acme\" && assertion.ref_protected == true"),
                        "gcp.provider.attributeCondition", SpecRules.CONDITION_BOOL_AS_STRING, "assertion.ref_protected"),
                arguments(condition, q("attribute.ref_protected != false"),
                        "gcp.provider.attributeCondition", SpecRules.CONDITION_BOOL_AS_STRING, "attribute.ref_protected"),
                arguments(condition, null, "gcp.provider.attributeCondition", SpecRules.CONDITION_MULTI_TENANT,
                        "every project on https://gitlab.com"),
                arguments("/gcp/provider/audiences", SpecFixtures.json(java.util.stream.IntStream.range(0, 11)
                        .mapToObj(i -> "https://gitlab.com/aud" + i).toList()), "gcp.provider.audiences",
                        SpecRules.AUDIENCE_COUNT, "lists 11"),
                arguments("/gcp/provider/audiences/1", q("https://" + "a".repeat(249)), "gcp.provider.audiences[1]",
                        SpecRules.AUDIENCE_LENGTH, "257 chars"),
                arguments("/gcp/provider/audiences/0", q(""), "gcp.provider.audiences[0]", SpecRules.AUDIENCE_LENGTH, "empty"),
                arguments("/gcp/provider/audiences/1", q("https://gitlab.com"), "gcp.provider.audiences[1]",
                        SpecRules.AUDIENCE_UNIQUE, "listed twice"),
                arguments("/gcp/provider/issuer", q("http://gitlab.com"), "gcp.provider.issuer", SpecRules.ISSUER_HTTPS,
                        ErrorTexts.ISSUER_NOT_HTTPS),
                arguments("/gcp/provider/issuer", q("https://gitlab.com/"), "gcp.provider.issuer",
                        SpecRules.ISSUER_NO_TRAILING_SLASH, "write \"https://gitlab.com\""),
                arguments("/gcp/pool/displayName", q("é".repeat(33)), "gcp.pool.displayName", SpecRules.DISPLAY_NAME,
                        "is 33 chars"),
                arguments("/gcp/provider/issuer", q("https://auth.gcp.gitlab.com/oidc/acme"), "gcp.provider.issuer",
                        SpecRules.ISSUER_IS_GITLAB_URL, "iss \"https://gitlab.com\""),
                arguments("/gitlab/url", q("https://gitlab.acme.example"), "gcp.provider.issuer",
                        SpecRules.ISSUER_IS_GITLAB_URL, "is not the GitLab URL \"https://gitlab.acme.example\""),
                arguments("/gcp/provider/issuer", q("gitlab.com"), "gcp.provider.issuer", SpecRules.ISSUER_HTTPS,
                        "not an absolute URL"),
                arguments("/gcp/serviceAccount/id", q("gitlb"), "gcp.serviceAccount.id", SpecRules.SERVICE_ACCOUNT_ID, "5 chars"),
                arguments("/gcp/serviceAccount/id", q("g".repeat(31)), "gcp.serviceAccount.id",
                        SpecRules.SERVICE_ACCOUNT_ID, "31 chars"),
                arguments("/gcp/serviceAccount/id", q("1gitlab-df"), "gcp.serviceAccount.id",
                        SpecRules.SERVICE_ACCOUNT_ID, "start with a lowercase letter"),
                arguments("/gcp/serviceAccount/id", q("gitlab-df-"), "gcp.serviceAccount.id",
                        SpecRules.SERVICE_ACCOUNT_ID, "end with a letter or digit"),
                arguments("/gcp/serviceAccount/id", q("gitlab_dataflow"), "gcp.serviceAccount.id",
                        SpecRules.SERVICE_ACCOUNT_ID, "'_'"),
                arguments("/gcp/serviceAccount/id", q("gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com"),
                        "gcp.serviceAccount.id", SpecRules.SERVICE_ACCOUNT_ID, "is an email"),
                arguments("/gcp/project", q("acme"), "gcp.project", SpecRules.PROJECT_ID, "4 chars"),
                arguments("/gcp/project", q("a".repeat(31)), "gcp.project", SpecRules.PROJECT_ID, "31 chars"),
                arguments("/gcp/project", q("1acme-data"), "gcp.project", SpecRules.PROJECT_ID, "start with a lowercase letter"),
                arguments("/gcp/project", q("Acme-data-prod"), "gcp.project", SpecRules.PROJECT_ID, "start with a lowercase letter"),
                arguments("/gcp/project", q("acme-data-"), "gcp.project", SpecRules.PROJECT_ID, "must not end with a hyphen"),
                arguments("/gcp/project", q("acme_data_prod"), "gcp.project", SpecRules.PROJECT_ID, "'_'"),
                arguments("/gcp/project", q("428617359021"), "gcp.project", SpecRules.PROJECT_ID, "is a project number"),
                arguments("/gcp/grant/0", q("attribute.repository/acme/pipelines"), "gcp.grant[0]",
                        SpecRules.GRANT_ATTRIBUTE_MAPPED, "attribute.repository"),
                arguments("/gcp/grant/0", q("project_path/acme/pipelines"), "gcp.grant[0]", SpecRules.GRANT_ENTRY,
                        "is not attribute.NAME/VALUE"),
                arguments("/gcp/grant/0", q("attribute.project_path/"), "gcp.grant[0]", SpecRules.GRANT_ENTRY,
                        "non-empty VALUE"),
                arguments("/gcp/grant/0", q("attribute.Project_Path/acme"), "gcp.grant[0]", SpecRules.GRANT_ENTRY,
                        "[a-z0-9_]{1,100}"),
                arguments("/gcp/grant/0", q("subject/"), "gcp.grant[0]", SpecRules.GRANT_ENTRY, "is not attribute.NAME"),
                arguments("/gcp/grant/0", q("group/acme-admins"), "gcp.grant[0]", SpecRules.GRANT_GROUP_MAPPED,
                        "google.groups"),
                arguments("/gcp/grant/0", q("principalSet://iam.googleapis.com/projects/428617359021/locations/global/"
                        + "workloadIdentityPools/gitlab-ci/attribute.project_path/acme/pipelines"), "gcp.grant[0]",
                        SpecRules.GRANT_ENTRY, "write only its tail"),
                arguments("/gcp/grant/0", q(" attribute.project_path/acme/pipelines"), "gcp.grant[0]", SpecRules.GRANT_ENTRY,
                        "spaces"),
                arguments("/gcp/grant", "[]", "gcp.grant", SpecRules.GRANT_REQUIRED, "nobody"),
                arguments("/gcp/projectRoles/1", q("dataflow.worker"), "gcp.projectRoles[1]", SpecRules.PROJECT_ROLE,
                        "\"dataflow.worker\""),
                arguments("/environments/1/name", q("production"), "environments[1].name", SpecRules.ENVIRONMENT_UNIQUE,
                        "listed twice"),
                arguments("/environments/1/name", q("staging!"), "environments[1].name", SpecRules.ENVIRONMENT_NAME,
                        "staging!"),
                arguments("/environments/1/name", null, "environments[1].name", SpecRules.REQUIRED, "is missing"),
                arguments("/environments/1/serviceAccount/id", q("gitlab-dataflow"), "environments[1].serviceAccount.id",
                        SpecRules.SERVICE_ACCOUNT_UNIQUE, "gcp.serviceAccount.id"),
                arguments("/environments/0/serviceAccount/id", q("GitLab-Prod"), "environments[0].serviceAccount.id",
                        SpecRules.SERVICE_ACCOUNT_ID, "start with a lowercase letter"),
                arguments("/environments/0/serviceAccount", null, "environments[0].serviceAccount", SpecRules.REQUIRED,
                        "is missing"),
                arguments("/gitlab/url", q("http://gitlab.com"), "gitlab.url", SpecRules.GITLAB_URL, "not an https URL"),
                arguments("/gitlab/url", q("http://localhost:8929"), "gitlab.url", SpecRules.GITLAB_URL, "not an https URL"),
                arguments("/gitlab/url", q("gitlab.com"), "gitlab.url", SpecRules.GITLAB_URL, "not an https URL"),
                arguments("/gitlab/project", q("pipelines"), "gitlab.project", SpecRules.GITLAB_PROJECT, "group/project"),
                arguments("/gitlab/project", q("acme/pipelines/"), "gitlab.project", SpecRules.GITLAB_PROJECT, "group/project"),
                arguments("/gitlab/project", q("https://gitlab.com/acme/pipelines"), "gitlab.project",
                        SpecRules.GITLAB_PROJECT, "group/project"),
                arguments("/gitlab/ref", q("feature x"), "gitlab.ref", SpecRules.GIT_REF, "\"feature x\""),
                arguments("/gitlab/ref", q("main..dev"), "gitlab.ref", SpecRules.GIT_REF, "not a valid git ref"),
                arguments("/gitlab/variables/environmentScope", q(""), "gitlab.variables.environmentScope",
                        SpecRules.ENVIRONMENT_SCOPE, "is empty"),
                arguments("/dataflow/region", q("Europe-West1"), "dataflow.region", SpecRules.DATAFLOW_REGION, "not a region"),
                arguments("/dataflow/region", q("europe"), "dataflow.region", SpecRules.DATAFLOW_REGION, "not a region"),
                arguments("/dataflow/template", q("https://storage.googleapis.com/x/Word_Count"), "dataflow.template",
                        SpecRules.DATAFLOW_TEMPLATE, "not a Cloud Storage object path"),
                arguments("/dataflow/template", q("gs://bucket-only/"), "dataflow.template", SpecRules.DATAFLOW_TEMPLATE,
                        "not a Cloud Storage object path"),
                arguments("/dataflow/template", null, "dataflow.template", SpecRules.REQUIRED, "is missing"),
                arguments("/dataflow/tempLocation", q("/tmp/wifdesk"), "dataflow.tempLocation",
                        SpecRules.DATAFLOW_TEMP_LOCATION, "not a Cloud Storage path"),
                arguments("/gitlab/verificationJob", q("push"), "gitlab.verificationJob", SpecRules.VERIFICATION_JOB,
                        "\"push\" is not one of merge-request, commit, none"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} ({3})")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsNamedWithItsField(String pointer, String value, String field, String rule, String detail) {
        String spec = SpecFixtures.exampleWith(pointer, value);
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.json", spec));
        assertThat(e).as("%s = %s must be rejected", pointer, value).isNotNull();
        assertThat(e.problems()).as(e.report()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.rule()).isEqualTo(rule);
            assertThat(p.message()).startsWith(field + ": ").contains(detail).endsWith(" (rule: " + rule + ")");
            assertThat(p.message()).doesNotContain("\n");
        });
    }

    @Test
    void poolIdMessageIsExactlyTheDocumentedForm() {
        var e = catchThrowableOfType(InvalidSpecException.class,
                () -> parser.parse("spec.json", SpecFixtures.exampleWith("/gcp/pool/id", q("gcp-ci"))));
        assertThat(e.problems().get(0).message()).isEqualTo("gcp.pool.id: \"gcp-ci\" must not start with \"gcp-\" "
                + "(rule: pool id 4-32 chars [a-z0-9-], not starting with gcp-)");
        assertThat(e.getMessage()).isEqualTo(e.problems().get(0).message());
    }

    /** The edges of each limit are allowed: exactly at the limit passes. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "/gcp/pool/id                | \"abcd\"",
            "/gcp/pool/id                | \"a2345678901234567890123456789012\"",
            "/gcp/provider/id            | \"gitlab-self-managed-0001\"",
            "/gcp/pool/displayName       | \"12345678901234567890123456789012\"",
            "/gcp/serviceAccount/id      | \"abcdef\"",
            "/gcp/serviceAccount/id      | \"a23456789012345678901234567890\"",
            "/gcp/project                | \"abcdef\"",
            "/gcp/project                | \"a23456789-123456789-123456789z\"",
            "/gcp/provider/audiences     | []",
            "/gcp/grant/0                | \"*\"",
            "/gcp/grant/0                | \"subject/project_path:acme/pipelines:ref_type:branch:ref:main\"",
            "/gcp/grant/1                | \"attribute.ref/release/2025.11\"",
            "/gitlab/url                 | \"http://127.0.0.1:8929\"",
            "/gitlab/url                 | \"https://GitLab.com/\"",
            "/gitlab/project             | \"acme/data/platform/pipelines\"",
            "/gitlab/ref                 | \"release/2025.11\"",
            "/dataflow/region            | \"northamerica-northeast1\"",

            "/gcp/provider/attributeCondition | \"assertion.namespace_path == 'acme' && google.subject.startsWith('project_path:acme/')\"",
            "/gcp/provider/attributeCondition | \"has(assertion.environment) && assertion.environment_protected == 'true'\"",
            "/gcp/provider/attributeCondition | \"attribute.ref_protected == 'true'\""})
    void valuesAtTheLimitsAreAccepted(String pointer, String value) throws Exception {
        FederationSpec spec = parser.parse("spec.json", SpecFixtures.exampleWith(pointer.strip(), value.strip()));
        assertThat(spec).isNotNull();
    }

    @Test
    void messagesStayOnOneLineWhateverTheValues() {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/pool/id", q("git\nlab"));
        SpecFixtures.set(root, "/gcp/provider/attributeCondition", q("1 ==\n 1"));
        SpecFixtures.set(root, "/gcp/provider/attributeMapping/attribute.x\ty", q("assertion.x"));
        SpecFixtures.set(root, "/gcp/serviceAccount/id", q("s".repeat(400)));
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.json", root.toString()));
        assertThat(e.problems()).hasSize(4).allSatisfy(p -> {
            assertThat(p.message()).doesNotContain("\n").doesNotContain("\t").hasSizeLessThan(400);
            assertThat(p.field()).doesNotContain("\t");
        });
        assertThat(e.problems().get(0).message()).contains("\"git\\nlab\"");
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void expressionsOfExactlyTheMaximumLengthAreAccepted() throws Exception {
        var root = SpecFixtures.example();
        String prefix = "assertion.ref + \"";
        String mapping = prefix + "x".repeat(SpecRules.MAPPING_EXPRESSION_MAX - prefix.length() - 1) + "\"";
        String head = "assertion.namespace_path == \"acme\" && assertion.ref != \"";
        String condition = head + "y".repeat(SpecRules.CONDITION_MAX - head.length() - 1) + "\"";
        assertThat(mapping).hasSize(SpecRules.MAPPING_EXPRESSION_MAX);
        assertThat(condition).hasSize(SpecRules.CONDITION_MAX);
        SpecFixtures.set(root, "/gcp/provider/attributeMapping/attribute.ref", q(mapping));
        SpecFixtures.set(root, "/gcp/provider/attributeCondition", q(condition));
        assertThat(parser.parse("spec.json", root.toString()).gcp().provider().attributeCondition()).isEqualTo(condition);
    }

    @Test
    void fiftyCustomAttributesAreAllowed() throws Exception {
        String spec = SpecFixtures.exampleWith("/gcp/provider/attributeMapping", mappingWith(49));
        assertThat(parser.parse("spec.json", spec).gcp().provider().attributeMapping()).hasSize(51);
    }

    @Test
    void groupGrantWithGroupsMappingIsAccepted() throws Exception {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/provider/attributeMapping/google.groups", q("[assertion.namespace_path]"));
        SpecFixtures.set(root, "/gcp/grant/1", q("group/acme"));
        assertThat(parser.parse("spec.json", root.toString()).grantEntries()).hasSize(2);
    }

    @Test
    void sandboxIssuerIsANameNotTheLoopbackAddress() throws Exception {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/provider/issuer", q("https://gitlab.sandbox.wifdesk.test"));
        SpecFixtures.set(root, "/gitlab/url", q("http://127.0.0.1:41234"));
        assertThat(parser.parse("spec.json", root.toString()).gitlab().orElseThrow().url())
                .isEqualTo("http://127.0.0.1:41234");
    }

    @Test
    void selfManagedUnderAPathMatchesItsIssuer() throws Exception {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/provider/issuer", q("https://code.acme.example/gitlab"));
        SpecFixtures.set(root, "/gitlab/url", q("https://code.acme.example/gitlab/"));
        assertThat(parser.parse("spec.json", root.toString()).gcp().provider().issuer())
                .isEqualTo("https://code.acme.example/gitlab");
    }

    @Test
    void selfManagedIssuerMayOmitTheCondition() throws Exception {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/provider/issuer", q("https://gitlab.acme.example"));
        SpecFixtures.set(root, "/gitlab/url", q("https://gitlab.acme.example"));
        SpecFixtures.set(root, "/gcp/provider/attributeCondition", null);
        assertThat(parser.parse("spec.json", root.toString()).gcp().provider().hasCondition()).isFalse();
    }

    @Test
    void manyBrokenRulesAreAllReportedAtOnce() {
        var root = SpecFixtures.example();
        SpecFixtures.set(root, "/gcp/project", q("Acme"));
        SpecFixtures.set(root, "/gcp/pool/id", q("gcp-ci"));
        SpecFixtures.set(root, "/gcp/provider/id", q("gl"));
        SpecFixtures.set(root, "/gcp/provider/issuer", q("http://gitlab.com"));
        SpecFixtures.set(root, "/gcp/provider/attributeMapping/attribute.Bad", q("assertion.x"));
        SpecFixtures.set(root, "/gcp/serviceAccount/id", q("sa"));
        SpecFixtures.set(root, "/gcp/grant/0", q("attribute.repo/acme"));
        SpecFixtures.set(root, "/gcp/projectRoles/0", q("owner"));
        SpecFixtures.set(root, "/gitlab/url", q("http://gitlab.com"));
        SpecFixtures.set(root, "/dataflow/template", q("Word_Count"));
        var e = catchThrowableOfType(InvalidSpecException.class, () -> parser.parse("spec.json", root.toString()));
        assertThat(e.problems()).extracting(SpecProblem::field).containsExactly(
                "gcp.project", "gcp.pool.id", "gcp.provider.id", "gcp.provider.issuer",
                "gcp.provider.attributeMapping[\"attribute.Bad\"]", "gcp.serviceAccount.id", "gcp.grant[0]",
                "gcp.projectRoles[0]", "gitlab.url", "dataflow.template");
        assertThat(e.getMessage()).startsWith("gcp.project: ").endsWith("(and 9 more problems)");
    }

    @Test
    void validatorWorksOnSpecsBuiltInCode() {
        var validator = new SpecValidator(new CelEngine());
        var spec = new FederationSpec(new FederationSpec.Gcp("acme-data-prod",
                new FederationSpec.Pool("gitlab-ci", null, null),
                new FederationSpec.Provider("gitlab-com", "https://gitlab.acme.example", null,
                        Map.of("google.subject", "assertion.sub"), null),
                new FederationSpec.ServiceAccount("gitlab-dataflow", true), List.of("subject/x"), null),
                null, null, null);
        assertThat(validator.problems(spec)).isEmpty();
        var broken = new FederationSpec(new FederationSpec.Gcp(null, null, null, null, null, null), null, null, null);
        assertThat(validator.problems(broken)).extracting(SpecProblem::field)
                .containsExactly("gcp.project", "gcp.pool", "gcp.provider", "gcp.serviceAccount", "gcp.grant");
    }
}
