package dev.wifdesk.plan.lint;

import static dev.wifdesk.export.ExampleSpecs.PROJECT_NUMBER;
import static dev.wifdesk.export.ExampleSpecs.exampleWith;
import static dev.wifdesk.export.ExampleSpecs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.export.ExampleSpecs;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each lint code with a spec that produces it and one that does not. */
class SetupLintTest {
    private static final String CONDITION = "attributeCondition: assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"";
    private static final String NAMESPACE_ONLY = "attributeCondition: assertion.namespace_path == \"acme\"";
    private final SetupLint lint = new SetupLint(new CelEngine());

    private List<Finding> lint(FederationSpec spec) {
        return lint.lint(spec, PROJECT_NUMBER);
    }

    private static List<Finding> only(List<Finding> findings, FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    @Test
    void theCliExampleIsClean() {
        assertThat(lint(ExampleSpecs.example())).isEmpty();
    }

    @Test
    void conditionMissingOnAMultiTenantIssuerIsAnErrorButNotOnASelfManagedOne() {
        FederationSpec example = ExampleSpecs.example();
        // the validator refuses this spec; the wizard's state can still hold it, and the lint judges it
        FederationSpec noCondition = withProvider(example, example.gcp().provider().issuer(), "");
        List<Finding> found = only(lint(noCondition), FindingCode.CONDITION_MISSING);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.fix()).contains("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"");
        });
        assertThat(only(lint(withProvider(example, "https://gitlab.acme.example", "")), FindingCode.CONDITION_MISSING))
                .isEmpty();
    }

    @Test
    void theWholePoolIsTooBroadUnlessTheConditionPinsTheTenant() {
        FederationSpec wide = parse(exampleWith("- attribute.project_path/acme/pipelines", "- \"*\"",
                CONDITION, "attributeCondition: assertion.ref_protected == \"true\""));
        assertThat(only(lint(wide), FindingCode.BINDING_TOO_BROAD)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.evidence().get("member")).endsWith("/workloadIdentityPools/gitlab-ci/*");
            assertThat(f.fix()).contains("attribute.project_path/acme/pipelines");
        });
        FederationSpec pinned = parse(exampleWith("- attribute.project_path/acme/pipelines", "- \"*\""));
        assertThat(only(lint(pinned), FindingCode.BINDING_TOO_BROAD)).isEmpty();
    }

    @Test
    void aWholeNamespaceWithoutAnyConditionIsTooBroad() {
        FederationSpec example = parse(exampleWith("- attribute.project_path/acme/pipelines", "- attribute.namespace_path/acme"));
        FederationSpec noCondition = withProvider(example, example.gcp().provider().issuer(), "");
        assertThat(only(lint(noCondition), FindingCode.BINDING_TOO_BROAD)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("every token with that namespace_path"));
        assertThat(only(lint(example), FindingCode.BINDING_TOO_BROAD)).isEmpty();
    }

    @Test
    void unprotectedRefsReachingDeployAccountsAreFoundByEvaluatingTheCondition() {
        List<Finding> found = only(lint(parse(exampleWith(CONDITION, NAMESPACE_ONLY))), FindingCode.LINT_UNPROTECTED_REF);
        // the main account and staging admit a feature-branch job; production maps only protected environments
        assertThat(found).extracting(f -> f.evidence().get("serviceAccount")).containsExactly(
                "gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com",
                "gitlab-dataflow-stg@acme-data-prod.iam.gserviceaccount.com");
        assertThat(found).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.fix()).contains("(assertion.namespace_path == \"acme\") && assertion.ref_protected == \"true\"");
        });
        assertThat(found.get(1).fix()).contains("protectedOnly: true on environment staging");
    }

    @Test
    void aConditionThatRejectsUnprotectedRefsOrAccountsWithoutDeployRolesGiveNoWarning() {
        assertThat(only(lint(ExampleSpecs.example()), FindingCode.LINT_UNPROTECTED_REF)).isEmpty();
        FederationSpec workerOnly = parse(exampleWith(CONDITION, NAMESPACE_ONLY,
                "projectRoles: [roles/dataflow.developer, roles/dataflow.worker]", "projectRoles: [roles/dataflow.worker]"));
        assertThat(only(lint(workerOnly), FindingCode.LINT_UNPROTECTED_REF)).isEmpty();
        // the same guard read through the mapped attribute rejects the feature branch too
        FederationSpec refProtectedViaAttribute = parse(exampleWith(CONDITION,
                "attributeCondition: assertion.namespace_path == \"acme\" && attribute.ref_protected == \"true\""));
        assertThat(only(lint(refProtectedViaAttribute), FindingCode.LINT_UNPROTECTED_REF)).isEmpty();
    }

    @Test
    void aSubjectGrantPinningABranchNameStillAdmitsThatBranchUnprotected() {
        FederationSpec subject = parse(exampleWith(CONDITION, NAMESPACE_ONLY, "- attribute.project_path/acme/pipelines",
                "- subject/project_path:acme/pipelines:ref_type:branch:ref:main"));
        assertThat(only(lint(subject), FindingCode.LINT_UNPROTECTED_REF)).first()
                .satisfies(f -> assertThat(f.message()).contains("'main'"));
    }

    @Test
    void basicRolesAreFlaggedWithTheDataflowRolesAsTheAlternative() {
        FederationSpec editor = parse(exampleWith("projectRoles: [roles/dataflow.developer, roles/dataflow.worker]",
                "projectRoles: [roles/editor, roles/viewer, roles/dataflow.worker]"));
        List<Finding> found = only(lint(editor), FindingCode.LINT_BROAD_ROLE);
        assertThat(found).extracting(f -> f.evidence().get("role")).containsExactly("roles/editor", "roles/viewer");
        assertThat(found).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.fix()).contains("roles/dataflow.developer and roles/dataflow.worker");
        });
        assertThat(only(lint(ExampleSpecs.example()), FindingCode.LINT_BROAD_ROLE)).isEmpty();
    }

    private static FederationSpec withProvider(FederationSpec spec, String issuer, String condition) {
        FederationSpec.Provider p = spec.gcp().provider();
        FederationSpec.Gcp g = spec.gcp();
        FederationSpec.Provider changed = new FederationSpec.Provider(p.id(), issuer, p.audiences(), p.attributeMapping(), condition);
        return new FederationSpec(new FederationSpec.Gcp(g.project(), g.pool(), changed, g.serviceAccount(), g.grant(),
                g.projectRoles()), spec.environments(), spec.gitlab(), spec.dataflow());
    }
}
