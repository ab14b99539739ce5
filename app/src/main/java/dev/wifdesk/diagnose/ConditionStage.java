package dev.wifdesk.diagnose;

import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import dev.wifdesk.cel.ConditionResult;
import dev.wifdesk.cel.MappingResult;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import dev.wifdesk.model.WideGrants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The provider's attribute condition: evaluated for the token as STS does, and when false, which
 * sub-expression is false with which values; statically, bool-as-string comparisons, unmapped
 * attributes, and no condition at all on a multi-tenant issuer.
 */
final class ConditionStage implements DiagnosisStage {
    private static final Pattern EQ_STRING = Pattern.compile("^(assertion|attribute)\\.([A-Za-z0-9_]+) == \"(.*)\"$");

    @Override
    public Stage stage() {
        return Stage.CONDITION;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        if (ctx.provider().isEmpty()) {
            if (ctx.errorSays(KnownError.CONDITION_REJECTED)) {
                rejectedWithoutDetail(ctx, null);
                return StageResult.fail(Stage.CONDITION, "error text: the condition rejected the token");
            }
            return StageResult.skipped(Stage.CONDITION, "provider unknown");
        }
        ProviderInfo provider = ctx.provider().get();
        String cond = provider.attributeCondition();
        if (!provider.hasCondition()) {
            if (ctx.multiTenantIssuer()) {
                String ns = ctx.claim("namespace_path").orElse("YOUR_GROUP");
                String suggested = "assertion.namespace_path == \"" + ns + "\" && assertion.ref_protected == \"true\"";
                ctx.add(FindingCode.CONDITION_MISSING, Severity.WARNING, "The provider has no attribute condition on the "
                                + "multi-tenant issuer " + provider.issuerUri() + ": every project there can get a token for it; "
                                + "only the IAM bindings keep strangers out.",
                        Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-condition=" + Fixes.shellQuote(suggested)),
                        DiagnosisContext.evidence("issuer", provider.issuerUri(), "suggestedCondition", suggested));
            }
            return StageResult.pass(Stage.CONDITION, "no attribute condition");
        }
        CompiledExpression compiled;
        try {
            compiled = ctx.evaluator().engine().compile(cond);
        } catch (CelCompileException e) {
            ctx.add(FindingCode.CONDITION_ERROR, Severity.ERROR, "The attribute condition does not compile: " + e.getMessage() + ".",
                    "Correct the CEL, then: " + Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-condition='...'"),
                    DiagnosisContext.evidence("condition", cond));
            return StageResult.fail(Stage.CONDITION, "does not compile");
        }
        ConditionExplainer explainer = new ConditionExplainer(ctx.evaluator());
        List<ConditionExplainer.BoolAsString> bools = explainer.boolAsString(cond);
        Set<String> mapped = provider.attributeMapping().keySet().stream().filter(k -> k.startsWith("attribute."))
                .map(k -> k.substring("attribute.".length())).collect(Collectors.toSet());
        List<String> unmapped = CelEngine.referencedKeys(compiled, CelEngine.ATTRIBUTE).stream()
                .filter(k -> !mapped.contains(k)).toList();

        ConditionResult result = null;
        List<ConditionExplainer.FalsePart> parts = List.of();
        if (ctx.claims().isPresent()) {
            MappingResult mapping = ctx.mapping().orElseGet(() -> ctx.evaluator().map(provider.attributeMapping(), ctx.claims().get()));
            result = ctx.evaluator().condition(cond, ctx.claims().get(), mapping);
            if (!result.allowed()) {
                parts = explainer.falseParts(cond, ctx.claims().get(), mapping);
            }
        }
        boolean allowed = result != null && result.allowed();
        Severity staticSeverity = allowed ? Severity.WARNING : Severity.ERROR;
        String fixedCel = ConditionExplainer.quoteBoolLiterals(cond);
        for (ConditionExplainer.BoolAsString b : bools) {
            ctx.add(FindingCode.CONDITION_BOOL_AS_STRING, staticSeverity, "The condition compares " + b.variable() + "."
                            + b.key() + " with a bool literal (" + b.expression() + "), but GitLab sends booleans as the strings "
                            + "\"true\"/\"false\": the comparison is never true.",
                    Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-condition=" + Fixes.shellQuote(fixedCel)),
                    DiagnosisContext.evidence("expression", b.expression(), "actual", ctx.claim(b.key()).map(v -> "\"" + v + "\" (string)")
                            .orElse(null), "correctedCondition", fixedCel));
        }
        for (String attr : unmapped) {
            ctx.add(FindingCode.CONDITION_UNMAPPED_ATTRIBUTE, staticSeverity, "The condition reads attribute." + attr
                            + ", which the attribute mapping does not define (mapped: " + mapped + ").",
                    "Map it (add attribute." + attr + "=assertion." + attr + " to --attribute-mapping) or read assertion." + attr
                            + " in the condition instead: " + Fixes.updateProvider(ctx.providerRef().orElse(null),
                            "--attribute-condition=" + Fixes.shellQuote(cond.replace("attribute." + attr, "assertion." + attr))),
                    DiagnosisContext.evidence("attribute", attr, "mapped", String.join(",", mapped)));
        }
        if (result == null) {
            if (ctx.errorSays(KnownError.CONDITION_REJECTED)) {
                rejectedWithoutDetail(ctx, cond);
                return StageResult.fail(Stage.CONDITION, "error text: the condition rejected the token");
            }
            boolean bad = !bools.isEmpty() || !unmapped.isEmpty();
            return bad ? StageResult.fail(Stage.CONDITION, "the condition cannot match GitLab tokens")
                    : StageResult.skipped(Stage.CONDITION, "no claims: condition compiles, not evaluated");
        }
        if (allowed) {
            return StageResult.pass(Stage.CONDITION, "condition is true for this token");
        }
        explainRejection(ctx, cond, result, parts, bools, fixedCel);
        return StageResult.fail(Stage.CONDITION, (result.outcome() == ConditionResult.Outcome.ERROR ? "condition fails: "
                : "condition is false: ") + parts.stream().map(ConditionExplainer.FalsePart::expression)
                .collect(Collectors.joining(" ; ")));
    }

    private static void explainRejection(DiagnosisContext ctx, String cond, ConditionResult result,
                                         List<ConditionExplainer.FalsePart> parts,
                                         List<ConditionExplainer.BoolAsString> bools, String fixedCel) {
        Map<String, Object> claims = ctx.claims().orElseThrow();
        List<String> said = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        String fix = null;
        String correctedCel = cond;
        for (ConditionExplainer.FalsePart p : parts) {
            String vals = p.values().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining(", "));
            said.add("'" + p.expression() + "' is " + (p.outcome() == ConditionResult.Outcome.REJECTED ? "false"
                    : "an error (" + p.detail() + ")") + (vals.isEmpty() ? "" : " (" + vals + ")"));
            p.values().forEach((k, v) -> {
                if (v.equals("(absent)") && k.startsWith("assertion.")) {
                    absent.add(k.substring("assertion.".length()));
                }
            });
            Matcher m = EQ_STRING.matcher(p.expression());
            if (m.matches() && m.group(1).equals("assertion") && claims.get(m.group(2)) instanceof String actual
                    && actual.equalsIgnoreCase(m.group(3))) {
                said.add("'" + m.group(3) + "' and the token's '" + actual + "' differ only in case");
                correctedCel = correctedCel.replace("\"" + m.group(3) + "\"", "\"" + actual + "\"");
            } else if (m.matches() && m.group(2).endsWith("namespace_path") && claims.get(m.group(2)) instanceof String actual
                    && actual.startsWith(m.group(3) + "/")) {
                // deep groups: namespace_path is the full path of the subgroup, never just the top-level group
                said.add("the project is in subgroup '" + actual + "' of '" + m.group(3) + "': namespace_path is the full group path");
                correctedCel = correctedCel.replace(p.expression(), "(" + p.expression() + " || " + m.group(1) + "."
                        + m.group(2) + ".startsWith(\"" + m.group(3) + "/\"))");
            }
        }
        boolean env = absent.stream().anyMatch(c -> c.startsWith("environment") || c.equals("deployment_tier"));
        if (env) {
            said.add("environment claims exist only when the job declares 'environment:'");
            fix = "Add 'environment: NAME' to the job in .gitlab-ci.yml (GitLab then adds environment claims to its ID token).";
        }
        boolean forkSuspect = "merge_request_event".equals(claims.get("pipeline_source")) && parts.stream()
                .anyMatch(p -> p.values().keySet().stream().anyMatch(k -> k.contains("project_") || k.contains("namespace_")))
                && claims.containsKey("job_project_path") && !claims.get("job_project_path").equals(claims.get("project_path"));
        if (forkSuspect) {
            said.add("this is a fork merge request pipeline: project_path/project_id are the fork's ("
                    + claims.get("project_path") + "), not the parent's (" + claims.get("job_project_path") + ")");
        }
        if (!bools.isEmpty()) {
            fix = Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-condition="
                    + Fixes.shellQuote(ConditionExplainer.quoteBoolLiterals(correctedCel)));
        } else if (!correctedCel.equals(cond)) {
            fix = Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-condition=" + Fixes.shellQuote(correctedCel));
        }
        if (fix == null) {
            fix = forkSuspect ? "Run the job in the parent project (not the fork), or deliberately admit forks in the condition."
                    : "Run the job where the condition admits it (e.g. a protected branch, the right project), or if this job "
                    + "should be admitted widen the condition: " + Fixes.updateProvider(ctx.providerRef().orElse(null),
                    "--attribute-condition='...'");
        }
        FindingCode code = result.outcome() == ConditionResult.Outcome.ERROR && bools.isEmpty() ? FindingCode.CONDITION_ERROR
                : FindingCode.CONDITION_REJECTED;
        ctx.add(code, Severity.ERROR, (code == FindingCode.CONDITION_ERROR ? "The attribute condition fails to evaluate for "
                        + "this token (STS rejects it): " : "The attribute condition is false for this token: ") + String.join("; ", said) + ".",
                fix, DiagnosisContext.evidence("condition", cond, "falseParts", parts.stream()
                                .map(ConditionExplainer.FalsePart::expression).collect(Collectors.joining(" ; ")),
                        "missingClaims", absent.isEmpty() ? null : String.join(",", absent),
                        "catalogue", ctx.errorSays(KnownError.CONDITION_REJECTED) ? "#2" : null));
    }

    private static void rejectedWithoutDetail(DiagnosisContext ctx, String cond) {
        ctx.add(FindingCode.CONDITION_REJECTED, Severity.ERROR, "STS says the attribute condition"
                        + (cond == null ? "" : " (" + cond + ")") + " rejected the token. Usual causes: a bool compared as "
                        + "true instead of \"true\", a case difference, an environment claim the job lacks (no 'environment:'), "
                        + "or a fork merge request pipeline whose project_id is the fork's.",
                "Give the token's claims (--claims or --token) with the provider to see which part is false.",
                DiagnosisContext.evidence("catalogue", "#2", "condition", cond));
    }

    /** True when the condition reads a claim that scopes to a group or project. */
    static boolean scopesTenant(DiagnosisContext ctx) {
        String cond = ctx.provider().map(ProviderInfo::attributeCondition).orElse(null);
        return WideGrants.conditionScopesTenant(ctx.evaluator().engine(), cond);
    }
}
