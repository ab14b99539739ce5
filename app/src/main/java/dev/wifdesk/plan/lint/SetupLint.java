package dev.wifdesk.plan.lint;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cel.MappingResult;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Issuers;
import dev.wifdesk.model.PrincipalIdentifier;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import dev.wifdesk.model.WideGrants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The security lint of a desired setup (CLI.md: the {@code findings} of {@code plan}): what the
 * spec would let in that it should not, each with the safer alternative in {@code fix}. Pure: it
 * judges the values {@link SetupValues} derives, the same ones apply creates.
 */
public final class SetupLint {
    /** Roles that let an account launch or change Dataflow jobs (or everything). */
    static final Set<String> DEPLOY_ROLES = Set.of("roles/dataflow.developer", "roles/dataflow.admin", "roles/editor",
            "roles/owner");
    /** Google's basic roles: project-wide, far more than Dataflow needs. */
    static final Set<String> BASIC_ROLES = Set.of("roles/owner", "roles/editor", "roles/viewer");
    static final String DATAFLOW_ROLES = "roles/dataflow.developer and roles/dataflow.worker";

    private final FederationEvaluator evaluator;

    public SetupLint(CelEngine engine) {
        this.evaluator = new FederationEvaluator(engine);
    }

    public List<Finding> lint(FederationSpec spec, String projectNumber) {
        SetupValues values = new SetupValues(spec, projectNumber);
        List<Finding> out = new ArrayList<>();
        FederationSpec.Provider provider = spec.gcp().provider();
        boolean multiTenant = Issuers.isMultiTenant(provider.issuer());
        if (multiTenant && !provider.hasCondition()) {
            out.add(conditionMissing(values, provider.issuer()));
        }
        if (multiTenant) {
            tooBroad(values, provider, out);
        }
        unprotectedRefs(values, provider.issuer(), out);
        broadRoles(values, out);
        return out;
    }

    private static Finding conditionMissing(SetupValues values, String issuer) {
        String suggested = "assertion.namespace_path == \"" + namespace(values) + "\" && assertion.ref_protected == \"true\"";
        return new Finding(FindingCode.CONDITION_MISSING, Severity.ERROR, "The provider has no attribute condition on the "
                + "multi-tenant issuer " + issuer + ": every project there can get a token for it, and only the "
                + "IAM bindings keep strangers out.",
                "Set gcp.provider.attributeCondition: " + suggested, evidence("issuer", issuer, "suggestedCondition", suggested));
    }

    private void tooBroad(SetupValues values, FederationSpec.Provider provider, List<Finding> out) {
        boolean scoped = WideGrants.conditionScopesTenant(evaluator.engine(), provider.attributeCondition());
        for (SetupValues.Account account : values.serviceAccounts()) {
            for (String member : account.impersonators()) {
                PrincipalIdentifier p = PrincipalIdentifier.parse(member);
                if (!WideGrants.isTooBroad(p, scoped, provider.hasCondition())) {
                    continue;
                }
                String narrow = "attribute.project_path/" + (values.gitlabProjectPath().isEmpty() ? "GROUP/PROJECT"
                        : values.gitlabProjectPath());
                out.add(new Finding(FindingCode.BINDING_TOO_BROAD, Severity.ERROR, "The grant " + member + " lets "
                        + (p.kind() == PrincipalIdentifier.Kind.ALL ? "every identity of the pool"
                        : "every token with that " + p.attribute()) + " impersonate " + account.email() + ", and the issuer "
                        + provider.issuer() + " is shared by many tenants" + (provider.hasCondition()
                        ? " while the condition does not pin a group or project." : " with no attribute condition."),
                        "Grant one project instead (gcp.grant: [" + narrow + "]) and pin the group in "
                                + "gcp.provider.attributeCondition (assertion.namespace_path == \"" + namespace(values) + "\").",
                        evidence("serviceAccount", account.email(), "member", member,
                                "condition", provider.attributeCondition())));
            }
        }
    }

    /** Evaluates the condition on a job from an unprotected branch (and environment) that each member is meant for. */
    private void unprotectedRefs(SetupValues values, String issuer, List<Finding> out) {
        List<String> deployRoles = values.projectRoles().stream().filter(DEPLOY_ROLES::contains).toList();
        if (deployRoles.isEmpty()) {
            return;
        }
        for (SetupValues.Account account : values.serviceAccounts()) {
            for (String member : account.impersonators()) {
                PrincipalIdentifier p = PrincipalIdentifier.parse(member);
                Optional<Map<String, Object>> job = UnprotectedJob.claims(p, values, issuer, account.environment());
                if (job.isPresent() && admits(values, p, job.get())) {
                    out.add(unprotectedRef(values, account, member, job.get(), deployRoles));
                    break;
                }
            }
        }
    }

    private boolean admits(SetupValues values, PrincipalIdentifier member, Map<String, Object> claims) {
        MappingResult mapped = evaluator.map(values.attributeMapping(), claims);
        return mapped.firstFatal().isEmpty() && matches(member, mapped)
                && evaluator.condition(values.attributeCondition(), claims, mapped).allowed();
    }

    /** Whether the token's mapped identity is the member (IAM compares the values exactly). */
    private static boolean matches(PrincipalIdentifier member, MappingResult mapped) {
        return switch (member.kind()) {
            case ALL -> true;
            case SUBJECT -> mapped.subject().map(member.value()::equals).orElse(false);
            case ATTRIBUTE -> {
                Object v = mapped.attribute().get(member.attribute());
                yield v instanceof List<?> l ? l.stream().anyMatch(x -> member.value().equals(String.valueOf(x)))
                        : v != null && member.value().equals(String.valueOf(v));
            }
            case GROUP -> false;
        };
    }

    private static Finding unprotectedRef(SetupValues values, SetupValues.Account account, String member,
                                          Map<String, Object> job, List<String> deployRoles) {
        boolean environment = account.environment().isPresent();
        String guard = "assertion.ref_protected == \"true\"";
        String condition = values.attributeCondition();
        String safer = condition.isBlank() ? guard : "(" + condition + ") && " + guard;
        String fix = environment
                ? "Set protectedOnly: true on environment " + account.environment().get() + " (only a protected environment "
                + "reaches its account), or require protected refs: gcp.provider.attributeCondition: " + safer
                : "Admit protected refs only: gcp.provider.attributeCondition: " + safer;
        return new Finding(FindingCode.LINT_UNPROTECTED_REF, Severity.WARNING, "The condition admits a job on the "
                + "unprotected branch '" + job.get("ref") + "'" + (environment ? " in the unprotected environment '"
                + account.environment().get() + "'" : "") + " of " + job.get("project_path") + " to " + account.email()
                + ", which holds " + String.join(", ", deployRoles) + ": anyone who can push a branch can deploy.",
                fix, evidence("serviceAccount", account.email(), "member", member, "ref_protected", "false",
                        "condition", condition, "suggestedCondition", safer));
    }

    private static void broadRoles(SetupValues values, List<Finding> out) {
        for (String role : values.projectRoles()) {
            if (BASIC_ROLES.contains(role)) {
                out.add(new Finding(FindingCode.LINT_BROAD_ROLE, Severity.WARNING, role + " is a basic role: it grants "
                        + "every account of the setup far more of the project than launching Dataflow jobs needs.",
                        "Replace " + role + " in gcp.projectRoles with " + DATAFLOW_ROLES,
                        evidence("role", role, "suggestedRoles", "roles/dataflow.developer,roles/dataflow.worker")));
            }
        }
    }

    private static String namespace(SetupValues values) {
        String project = values.gitlabProjectPath();
        int slash = project.lastIndexOf('/');
        return slash > 0 ? project.substring(0, slash) : "YOUR_GROUP";
    }

    private static Map<String, String> evidence(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null && !kv[i + 1].isEmpty()) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
