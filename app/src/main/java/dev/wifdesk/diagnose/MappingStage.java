package dev.wifdesk.diagnose;

import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cel.MappingResult;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The provider's attribute mapping applied to the token's claims with {@link FederationEvaluator}, as STS does. */
final class MappingStage implements DiagnosisStage {
    /** The shorter subject GitLab projects with deep groups switch to. */
    static final String SHORT_SUBJECT = "assertion.project_id + \":\" + assertion.ref";

    @Override
    public Stage stage() {
        return Stage.MAPPING;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        if (ctx.provider().isEmpty()) {
            return fromErrorText(ctx, StageResult.skipped(Stage.MAPPING, "provider unknown"));
        }
        Map<String, String> mapping = ctx.provider().get().attributeMapping();
        if (ctx.claims().isEmpty()) {
            staticChecks(ctx, mapping);
            return fromErrorText(ctx, ctx.findings().stream().anyMatch(f -> f.code().name().startsWith("MAPPING_"))
                    ? StageResult.fail(Stage.MAPPING, "mapping is broken (checked without claims)")
                    : StageResult.skipped(Stage.MAPPING, "no claims: mapping compiles, not evaluated"));
        }
        Map<String, Object> claims = ctx.claims().get();
        MappingResult result = ctx.evaluator().map(mapping, claims);
        ctx.mapping(result);
        boolean fatal = false;
        for (MappingResult.Problem p : result.problems()) {
            fatal |= p.fatal();
            report(ctx, p, mapping, claims);
        }
        String summary = "google.subject = " + result.subject().map(s -> "\"" + s + "\" (" + s.getBytes(StandardCharsets.UTF_8).length
                + " bytes)").orElse("none") + "; attributes " + result.attribute().keySet();
        return fatal ? StageResult.fail(Stage.MAPPING, summary) : StageResult.pass(Stage.MAPPING, summary);
    }

    private static void report(DiagnosisContext ctx, MappingResult.Problem p, Map<String, String> mapping,
                               Map<String, Object> claims) {
        String expr = mapping.get(p.key());
        Severity sev = p.fatal() ? Severity.ERROR : Severity.WARNING;
        var ref = ctx.providerRef().orElse(null);
        switch (p.kind()) {
            case MISSING_SUBJECT -> ctx.add(FindingCode.MAPPING_MISSING_SUBJECT, Severity.ERROR,
                    "The attribute mapping has no google.subject; OIDC providers need one.",
                    Fixes.updateProvider(ref, "--attribute-mapping=" + Fixes.shellQuote(mappingFlag(mapping, "assertion.sub"))),
                    DiagnosisContext.evidence("mappingKeys", String.join(",", mapping.keySet())));
            case COMPILE_ERROR, EVAL_ERROR -> ctx.add(FindingCode.MAPPING_EXPRESSION_ERROR, sev,
                    "The mapping for " + p.key() + " (" + expr + ") " + (p.kind() == MappingResult.Kind.COMPILE_ERROR
                            ? "does not compile: " : "fails to evaluate: ") + p.detail() + ".",
                    "Correct the CEL expression of " + p.key() + suggestClaim(expr, claims) + ", then: "
                            + Fixes.updateProvider(ref, "--attribute-mapping=..."),
                    DiagnosisContext.evidence("key", p.key(), "expression", expr));
            case CLAIM_MISSING -> {
                List<String> absent = absentClaims(ctx, expr, claims);
                boolean env = absent.stream().anyMatch(c -> c.startsWith("environment") || c.equals("deployment_tier"));
                ctx.add(FindingCode.MAPPING_CLAIM_MISSING, sev, "The mapping for " + p.key() + " (" + expr + ") reads "
                                + absent + ", which this token does not carry" + (env ? "; GitLab adds environment claims only "
                                + "when the job declares environment:" : "") + (p.fatal() ? "; STS rejects the token." : "; the attribute stays unset."),
                        env ? "Add 'environment: NAME' to the job in .gitlab-ci.yml, or map the attribute from a claim every job has."
                                : "Map " + p.key() + " from a claim GitLab sends" + suggestClaim(expr, claims) + ".",
                        DiagnosisContext.evidence("key", p.key(), "expression", expr, "missingClaims", String.join(",", absent)));
            }
            case SUBJECT_NOT_STRING -> ctx.add(FindingCode.MAPPING_NOT_STRING, Severity.ERROR,
                    "google.subject must be a string, but " + expr + " gives " + p.detail().replace("google.subject evaluated to ", "") + ".",
                    Fixes.updateProvider(ref, "--attribute-mapping=" + Fixes.shellQuote(mappingFlag(mapping, "string(" + expr + ")"))),
                    DiagnosisContext.evidence("expression", expr, "expected", "string"));
            case SUBJECT_TOO_LONG -> tooLong(ctx, mapping, claims, p.detail());
            default -> ctx.add(FindingCode.MAPPING_EXPRESSION_ERROR, sev, p.detail(), "", Map.of());
        }
    }

    private static void tooLong(DiagnosisContext ctx, Map<String, String> mapping, Map<String, Object> claims, String detail) {
        String shorter = SHORT_SUBJECT;
        String evidenceValue = null;
        if (claims != null) {
            MappingResult alt = ctx.evaluator().map(Map.of("google.subject", shorter), claims);
            evidenceValue = alt.subject().orElse(null);
            MappingResult current = ctx.evaluator().map(Map.of("google.subject", mapping.getOrDefault("google.subject", "assertion.sub")), claims);
            String cur = current.subject().orElse("");
            detail = "google.subject \"" + cur + "\" is " + cur.getBytes(StandardCharsets.UTF_8).length + " bytes";
        }
        ctx.add(FindingCode.MAPPING_SUBJECT_TOO_LONG, Severity.ERROR, "The mapped google.subject is over the 127-byte limit ("
                        + detail + "): deep group paths and long branch names make GitLab's default sub too long.",
                "Map a shorter subject, e.g. google.subject=" + shorter + ": "
                        + Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-mapping="
                        + Fixes.shellQuote(mappingFlag(mapping, shorter)))
                        + " (or switch the GitLab project's ID token sub to the project_id: form); update principal:// "
                        + "bindings that name the old subject.",
                DiagnosisContext.evidence("limitBytes", "127", "actual", detail, "shorterSubject", evidenceValue,
                        "catalogue", ctx.errorSays(KnownError.SUBJECT_TOO_LONG) ? "#10" : null));
    }

    /** No claims: the mapping can still lack google.subject or fail to compile. */
    private static void staticChecks(DiagnosisContext ctx, Map<String, String> mapping) {
        var ref = ctx.providerRef().orElse(null);
        if (!mapping.containsKey("google.subject")) {
            ctx.add(FindingCode.MAPPING_MISSING_SUBJECT, Severity.ERROR, "The attribute mapping has no google.subject; "
                            + "OIDC providers need one.",
                    Fixes.updateProvider(ref, "--attribute-mapping=" + Fixes.shellQuote(mappingFlag(mapping, "assertion.sub"))),
                    DiagnosisContext.evidence("mappingKeys", String.join(",", mapping.keySet())));
        }
        mapping.forEach((key, expr) -> {
            try {
                ctx.evaluator().engine().compile(expr);
            } catch (CelCompileException e) {
                ctx.add(FindingCode.MAPPING_EXPRESSION_ERROR, Severity.ERROR, "The mapping for " + key + " (" + expr
                                + ") does not compile: " + e.getMessage() + ".", "Correct the CEL expression of " + key + ", then: "
                                + Fixes.updateProvider(ref, "--attribute-mapping=..."),
                        DiagnosisContext.evidence("key", key, "expression", expr));
            }
        });
    }

    /** Error texts #10 / #11 name a mapping problem even without claims. */
    private static StageResult fromErrorText(DiagnosisContext ctx, StageResult otherwise) {
        Map<String, String> mapping = ctx.provider().map(ProviderInfo::attributeMapping).orElse(Map.of());
        if (ctx.errorSays(KnownError.SUBJECT_TOO_LONG) && !ctx.has(FindingCode.MAPPING_SUBJECT_TOO_LONG)) {
            tooLong(ctx, mapping.isEmpty() ? Map.of("google.subject", "assertion.sub") : mapping, null, "STS error #10");
            return StageResult.fail(Stage.MAPPING, "error text: google.subject over 127 bytes");
        }
        if (ctx.errorSays(KnownError.SUBJECT_NOT_STRING) && !ctx.has(FindingCode.MAPPING_NOT_STRING)) {
            String expr = mapping.getOrDefault("google.subject", "EXPR");
            ctx.add(FindingCode.MAPPING_NOT_STRING, Severity.ERROR, "STS says google.subject (" + expr
                            + ") does not evaluate to a string.",
                    Fixes.updateProvider(ctx.providerRef().orElse(null), "--attribute-mapping="
                            + Fixes.shellQuote(mappingFlag(mapping, "string(" + expr + ")"))),
                    DiagnosisContext.evidence("catalogue", "#11", "expression", expr));
            return StageResult.fail(Stage.MAPPING, "error text: google.subject is not a string");
        }
        return otherwise;
    }

    /** The whole --attribute-mapping value (gcloud replaces the mapping) with google.subject set to {@code subject}. */
    static String mappingFlag(Map<String, String> mapping, String subject) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.subject", subject);
        mapping.forEach((k, v) -> {
            if (!k.equals("google.subject")) {
                m.put(k, v);
            }
        });
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static List<String> absentClaims(DiagnosisContext ctx, String expr, Map<String, Object> claims) {
        List<String> out = new ArrayList<>();
        try {
            for (String k : CelEngine.referencedKeys(ctx.evaluator().engine().compile(expr), CelEngine.ASSERTION)) {
                if (!claims.containsKey(k)) {
                    out.add(k);
                }
            }
        } catch (CelCompileException e) {
            // reported elsewhere
        }
        return out;
    }

    /** " (did you mean assertion.project_path?)" when an unknown claim is a near miss of one the token has. */
    static String suggestClaim(String expr, Map<String, Object> claims) {
        if (expr == null || claims == null) {
            return "";
        }
        var m = java.util.regex.Pattern.compile("assertion\\.([A-Za-z0-9_]+)").matcher(expr);
        while (m.find()) {
            String used = m.group(1);
            if (claims.containsKey(used)) {
                continue;
            }
            String best = null;
            int bestD = 3;
            for (String c : claims.keySet()) {
                int d = TextDiff.distance(used, c);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            if (best != null) {
                return " (did you mean assertion." + best + " instead of assertion." + used + "?)";
            }
        }
        return "";
    }
}
