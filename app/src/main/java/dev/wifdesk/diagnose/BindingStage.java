package dev.wifdesk.diagnose;

import dev.wifdesk.cel.MappingResult;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.PrincipalIdentifier;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.Severity;
import dev.wifdesk.model.WideGrants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The service account's IAM policy: does a member with roles/iam.workloadIdentityUser (or
 * serviceAccountTokenCreator) match this token's principal or one of its principalSets? If not,
 * which member was meant and what is wrong with it. Wide grants on multi-tenant issuers are flagged.
 */
final class BindingStage implements DiagnosisStage {
    static final String WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";
    static final Set<String> ROLES = Set.of(WORKLOAD_IDENTITY_USER, "roles/iam.serviceAccountTokenCreator");

    @Override
    public Stage stage() {
        return Stage.BINDING;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        if (ctx.input().policy().isEmpty()) {
            return StageResult.skipped(Stage.BINDING, "no service account policy given");
        }
        IamPolicy policy = ctx.input().policy().get();
        var ref = ctx.providerRefWithNumber().orElse(null);
        String number = ctx.projectNumber().orElse(null);
        MappingResult mapping = ctx.mapping().filter(m -> m.firstFatal().isEmpty()).orElse(null);
        Set<String> mappedAttrs = ctx.provider().map(p -> p.attributeMapping().keySet()).orElse(Set.of());
        List<PrincipalIdentifier> mine = ref == null || number == null || mapping == null ? List.of() : principals(ref, mapping);
        String sa = ctx.serviceAccount().orElse(null);

        List<Member> members = new ArrayList<>();
        for (IamPolicy.Binding b : policy.bindings()) {
            for (String m : b.members()) {
                if (PrincipalIdentifier.looksLikeFederated(m)) {
                    members.add(new Member(b.role(), m));
                }
            }
        }
        List<Member> granting = members.stream().filter(m -> ROLES.contains(m.role)).toList();
        List<Member> matched = granting.stream().filter(m -> mine.stream().anyMatch(p -> p.format().equals(m.text))).toList();
        boolean tokenKnown = !mine.isEmpty();
        Severity staticSeverity = matched.isEmpty() ? Severity.ERROR : Severity.WARNING;
        int before = ctx.findings().size();
        for (Member m : granting) {
            staticChecks(ctx, m, ref, number, mappedAttrs, sa, staticSeverity);
        }
        tooBroad(ctx, granting, ref, sa);
        if (!matched.isEmpty()) {
            return StageResult.pass(Stage.BINDING, "granted to " + matched.get(0).text + " (" + matched.get(0).role + ")");
        }
        if (tokenKnown) {
            for (Member m : granting) {
                valueNearMiss(ctx, m, mine, ref, sa);
            }
        }
        boolean explained = ctx.findings().subList(before, ctx.findings().size()).stream()
                .anyMatch(f -> f.severity() == Severity.ERROR);
        if (!explained) {
            String member = tokenKnown ? preferred(mine).format()
                    : "principalSet://iam.googleapis.com/" + (ref == null ? "projects/NUMBER/locations/global/workloadIdentityPools/POOL"
                    : ResourceNames.poolName(number == null ? ref.project() : number, ref.poolId())) + "/attribute.project_path/GROUP/PROJECT";
            String otherRole = tokenKnown ? members.stream().filter(m -> !ROLES.contains(m.role))
                    .filter(m -> mine.stream().anyMatch(p -> p.format().equals(m.text))).map(m -> m.role).findFirst().orElse(null) : null;
            ctx.add(FindingCode.BINDING_MISSING, Severity.ERROR, (tokenKnown ? "No member of the service account's policy matches "
                            + "this token's principals (" + mine.stream().map(PrincipalIdentifier::format).limit(4).toList() + ") with "
                            + WORKLOAD_IDENTITY_USER : "No federated principal holds " + WORKLOAD_IDENTITY_USER + " on the service account")
                            + (otherRole == null ? "." : "; the token's principal has only " + otherRole + "."),
                    Fixes.addSaBinding(sa, member, WORKLOAD_IDENTITY_USER),
                    DiagnosisContext.evidence("expected", member, "actual", granting.stream().map(m -> m.text).toList().toString()));
        }
        return StageResult.fail(Stage.BINDING, tokenKnown ? "no binding matches this token"
                : ctx.mapping().isPresent() ? "the token has no principal (its mapping fails); members checked statically"
                : "no usable binding");
    }

    private record Member(String role, String text) {
    }

    /** The principal and principalSets this token counts as (always the project NUMBER). */
    static List<PrincipalIdentifier> principals(ResourceNames.ProviderRef ref, MappingResult mapping) {
        List<PrincipalIdentifier> out = new ArrayList<>();
        mapping.subject().ifPresent(s -> out.add(PrincipalIdentifier.subject(ref.project(), ref.poolId(), s)));
        mapping.attribute().forEach((k, v) -> {
            if (v instanceof String s) {
                out.add(PrincipalIdentifier.attribute(ref.project(), ref.poolId(), k, s));
            } else if (v instanceof List<?> l) {
                l.forEach(x -> out.add(PrincipalIdentifier.attribute(ref.project(), ref.poolId(), k, String.valueOf(x))));
            } else if (v != null) {
                out.add(PrincipalIdentifier.attribute(ref.project(), ref.poolId(), k, String.valueOf(v)));
            }
        });
        out.add(PrincipalIdentifier.all(ref.project(), ref.poolId()));
        return out;
    }

    private static PrincipalIdentifier preferred(List<PrincipalIdentifier> mine) {
        return mine.stream().filter(p -> "project_path".equals(p.attribute())).findFirst()
                .orElse(mine.get(0));
    }

    private static void staticChecks(DiagnosisContext ctx, Member m, ResourceNames.ProviderRef ref, String number,
                                     Set<String> mappedAttrs, String sa, Severity severity) {
        PrincipalIdentifier p;
        try {
            p = PrincipalIdentifier.parse(m.text);
        } catch (IllegalArgumentException e) {
            ctx.add(FindingCode.BINDING_PRINCIPAL_MALFORMED, severity, "The member '" + m.text + "' is not a valid principal "
                            + "identifier, so it never matches: " + e.getMessage(),
                    Fixes.removeSaBinding(sa, m.text, m.role) + " and add the corrected member",
                    DiagnosisContext.evidence("member", m.text));
            return;
        }
        if (!p.usesProjectNumber()) {
            String n = number != null ? number : "PROJECT_NUMBER";
            String fixed = new PrincipalIdentifier(p.kind(), n, p.poolId(), p.attribute(), p.value()).format();
            ctx.add(FindingCode.BINDING_USES_PROJECT_ID, severity, "The member names project '" + p.project()
                            + "' by its ID; principal identifiers only match with the project NUMBER" + (number == null ? "." : " (" + number + ")."),
                    Fixes.addSaBinding(sa, fixed, m.role) + " (then remove the old member)",
                    DiagnosisContext.evidence("expected", fixed, "actual", m.text));
            return;
        }
        if (ref != null && !p.poolId().equals(ref.poolId())) {
            String fixed = new PrincipalIdentifier(p.kind(), p.project(), ref.poolId(), p.attribute(), p.value()).format();
            ctx.add(FindingCode.BINDING_WRONG_POOL, severity, "The member points at pool '" + p.poolId()
                            + "', but the provider is in pool '" + ref.poolId() + "'.",
                    Fixes.addSaBinding(sa, fixed, m.role), DiagnosisContext.evidence("expected", ref.poolId(), "actual", p.poolId(),
                            "member", m.text));
            return;
        }
        if (number != null && !p.project().equals(number)) {
            String fixed = new PrincipalIdentifier(p.kind(), number, p.poolId(), p.attribute(), p.value()).format();
            ctx.add(FindingCode.BINDING_WRONG_POOL, severity, "The member names project number " + p.project()
                            + ", but the pool lives in project " + number + ".", Fixes.addSaBinding(sa, fixed, m.role),
                    DiagnosisContext.evidence("expected", fixed, "actual", m.text));
            return;
        }
        if (p.kind() == PrincipalIdentifier.Kind.ATTRIBUTE && ctx.provider().isPresent()
                && !mappedAttrs.contains("attribute." + p.attribute())) {
            ctx.add(FindingCode.BINDING_ATTRIBUTE_NOT_MAPPED, severity, "The member uses attribute." + p.attribute()
                            + ", which the provider does not map, so no token ever has it"
                            + (GitLabClaims.isClaim(p.attribute(), ctx.claims().orElse(Map.of())) ? "."
                            : "; GitLab ID tokens have no '" + p.attribute() + "' claim either."),
                    attributeFix(ctx, p, m, sa),
                    DiagnosisContext.evidence("attribute", p.attribute(), "mapped", String.join(",", mappedAttrs), "member", m.text));
        }
    }

    /** Map the attribute when GitLab has such a claim; otherwise bind through a mapped attribute with the same value. */
    private static String attributeFix(DiagnosisContext ctx, PrincipalIdentifier p, Member m, String sa) {
        if (GitLabClaims.isClaim(p.attribute(), ctx.claims().orElse(Map.of()))) {
            return Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-mapping=" + Fixes.shellQuote(
                    MappingStage.mappingFlag(withAttribute(ctx, p.attribute()), ctx.provider().get().attributeMapping()
                            .getOrDefault("google.subject", "assertion.sub"))));
        }
        String same = ctx.mapping().map(r -> r.attribute().entrySet().stream().filter(e -> p.value().equals(e.getValue()))
                .map(Map.Entry::getKey).findFirst().orElse(null)).orElse(null);
        String attribute = same != null ? same : "project_path";
        String fixed = PrincipalIdentifier.attribute(p.project(), p.poolId(), attribute, p.value()).format();
        return Fixes.addSaBinding(sa, fixed, m.role) + " (then remove '" + m.text + "')";
    }

    private static Map<String, String> withAttribute(DiagnosisContext ctx, String attribute) {
        Map<String, String> m = new java.util.LinkedHashMap<>(ctx.provider().get().attributeMapping());
        m.put("attribute." + attribute, "assertion." + attribute);
        return m;
    }

    /** Right pool and attribute, value differs from the token's: a case or path slip. */
    private static void valueNearMiss(DiagnosisContext ctx, Member m, List<PrincipalIdentifier> mine,
                                      ResourceNames.ProviderRef ref, String sa) {
        PrincipalIdentifier p;
        try {
            p = PrincipalIdentifier.parse(m.text);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!p.usesProjectNumber() || !p.poolId().equals(ref.poolId())) {
            return;
        }
        for (PrincipalIdentifier t : mine) {
            if (t.kind() != p.kind() || !java.util.Objects.equals(t.attribute(), p.attribute()) || t.value() == null
                    || p.value() == null || t.value().equals(p.value())) {
                continue;
            }
            if (similar(p.value(), t.value())) {
                String what = p.value().equalsIgnoreCase(t.value()) ? "differs only in case ("
                        + TextDiff.describe(t.value(), p.value()) + ")" : "differs at " + TextDiff.describe(t.value(), p.value());
                ctx.add(FindingCode.BINDING_VALUE_MISMATCH, Severity.ERROR, "The member grants "
                                + (p.kind() == PrincipalIdentifier.Kind.SUBJECT ? "subject" : "attribute." + p.attribute()) + " '"
                                + p.value() + "', but this token has '" + t.value() + "': it " + what + "; IAM compares exactly.",
                        Fixes.addSaBinding(sa, t.format(), m.role) + " (then remove '" + m.text + "')",
                        DiagnosisContext.evidence("expected", t.format(), "actual", m.text));
                return;
            }
        }
    }

    private static boolean similar(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        if (x.endsWith("/" + y) || y.endsWith("/" + x) || x.startsWith(y + "/") || y.startsWith(x + "/")) {
            return true;
        }
        return TextDiff.distance(x, y) <= Math.max(2, Math.min(a.length(), b.length()) / 5);
    }

    private static void tooBroad(DiagnosisContext ctx, List<Member> granting, ResourceNames.ProviderRef ref, String sa) {
        if (!ctx.multiTenantIssuer()) {
            return;
        }
        boolean tenantScoped = ConditionStage.scopesTenant(ctx);
        boolean hasCondition = ctx.provider().map(ProviderInfo::hasCondition).orElse(false);
        for (Member m : granting) {
            PrincipalIdentifier p;
            try {
                p = PrincipalIdentifier.parse(m.text);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (WideGrants.isTooBroad(p, tenantScoped, hasCondition)) {
                boolean all = p.kind() == PrincipalIdentifier.Kind.ALL;
                String narrow = "principalSet://iam.googleapis.com/" + ResourceNames.poolName(p.project(), p.poolId())
                        + "/attribute.project_path/" + ctx.claim("project_path").orElse("GROUP/PROJECT");
                ctx.add(FindingCode.BINDING_TOO_BROAD, Severity.WARNING, "The member " + m.text + " lets "
                                + (all ? "every identity of the pool" : "every token with that " + p.attribute())
                                + " impersonate the service account, and the issuer " + ctx.provider().map(ProviderInfo::issuerUri)
                                .orElse(ctx.issuer().orElse("")) + " is shared by many tenants" + (hasCondition
                                ? " while the condition does not pin a group or project." : " with no attribute condition."),
                        "Grant a single project instead: " + Fixes.addSaBinding(sa, narrow, m.role) + " && "
                                + Fixes.removeSaBinding(sa, m.text, m.role) + "; and pin the group in the provider's condition.",
                        DiagnosisContext.evidence("member", m.text, "condition", ctx.provider().map(ProviderInfo::attributeCondition).orElse(null)));
            }
        }
    }
}
