package dev.wifdesk.model;

import dev.cel.common.types.SimpleType;
import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of {@code gcp.provider.*}: id, issuer, audiences, attribute mapping and condition.
 * CEL is compiled with the same {@link CelEngine} the STS emulator and the diagnostics use, so
 * "compiles here" means "compiles there".
 */
final class ProviderRules {
    private static final Set<String> GOOGLE_KEYS = Set.of("google.subject", "google.groups", "google.display_name");

    private final CelEngine cel;

    ProviderRules(CelEngine cel) {
        this.cel = cel;
    }

    /** The provider's own rules: id, issuer, audiences, mapping and condition. */
    void provider(FederationSpec spec, List<SpecProblem> out) {
        FederationSpec.Provider p = spec.gcp().provider();
        if (p == null) {
            out.add(SpecProblem.of("gcp.provider", "is missing", SpecRules.REQUIRED));
            return;
        }
        GcpResourceRules.id(out, "gcp.provider.id", p.id(), SpecRules.PROVIDER_ID);
        issuer(out, p.issuer());
        audiences(out, p.audiences());
        mapping(out, p.attributeMapping());
        condition(out, p);
    }

    private static void issuer(List<SpecProblem> out, String issuer) {
        String f = "gcp.provider.issuer";
        if (issuer == null || issuer.isBlank()) {
            out.add(SpecProblem.of(f, "is missing", SpecRules.REQUIRED));
            return;
        }
        URI uri = HttpUrls.parse(issuer).orElse(null);
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            out.add(SpecProblem.of(f, SpecText.quote(issuer) + " is not an absolute URL", SpecRules.ISSUER_HTTPS));
        } else if (!"https".equals(uri.getScheme())) {
            out.add(SpecProblem.of(f, SpecText.quote(issuer) + " is " + uri.getScheme() + "; Google answers \""
                    + ErrorTexts.ISSUER_NOT_HTTPS + "\"", SpecRules.ISSUER_HTTPS));
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            out.add(SpecProblem.of(f, SpecText.quote(issuer) + " has a query or fragment", SpecRules.ISSUER_HTTPS));
        } else if (issuer.endsWith("/")) {
            // STS compares iss to the issuer as text: "https://gitlab.com/" never matches "https://gitlab.com"
            out.add(SpecProblem.of(f, SpecText.quote(issuer) + " ends with a slash; write "
                    + SpecText.quote(issuer.replaceAll("/+$", "")), SpecRules.ISSUER_NO_TRAILING_SLASH));
        }
    }

    private static void audiences(List<SpecProblem> out, List<String> audiences) {
        if (audiences.size() > SpecRules.MAX_AUDIENCES) {
            out.add(SpecProblem.of("gcp.provider.audiences", "lists " + audiences.size() + " audiences",
                    SpecRules.AUDIENCE_COUNT));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < audiences.size(); i++) {
            String a = audiences.get(i);
            String f = "gcp.provider.audiences[" + i + "]";
            if (a.isBlank()) {
                out.add(SpecProblem.of(f, "is empty", SpecRules.AUDIENCE_LENGTH));
            } else if (a.length() > SpecRules.AUDIENCE_MAX) {
                out.add(SpecProblem.of(f, "is " + a.length() + " chars", SpecRules.AUDIENCE_LENGTH));
            } else if (!seen.add(a)) {
                out.add(SpecProblem.of(f, SpecText.quote(a) + " is listed twice", SpecRules.AUDIENCE_UNIQUE));
            }
        }
    }

    private void mapping(List<SpecProblem> out, Map<String, String> mapping) {
        String base = "gcp.provider.attributeMapping";
        if (!mapping.containsKey("google.subject")) {
            out.add(SpecProblem.of(base, "has no google.subject (e.g. google.subject: assertion.sub)",
                    SpecRules.SUBJECT_MAPPING_REQUIRED));
        }
        long custom = mapping.keySet().stream().filter(k -> k.startsWith("attribute.")).count();
        if (custom > SpecRules.MAX_CUSTOM_ATTRIBUTES) {
            out.add(SpecProblem.of(base, "maps " + custom + " custom attributes", SpecRules.MAPPING_ATTRIBUTE_COUNT));
        }
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            String key = e.getKey();
            String f = base + "[\"" + key + "\"]";
            if (!GOOGLE_KEYS.contains(key) && !SpecRules.ATTRIBUTE_KEY.matcher(key).matches()) {
                out.add(SpecProblem.of(f, mappingKeyDetail(key), SpecRules.MAPPING_KEY));
            }
            String expr = e.getValue() == null ? "" : e.getValue();
            if (expr.length() > SpecRules.MAPPING_EXPRESSION_MAX) {
                out.add(SpecProblem.of(f, "expression is " + expr.length() + " chars", SpecRules.MAPPING_EXPRESSION_LENGTH));
                continue;
            }
            CompiledExpression compiled = compile(out, f, expr, SpecRules.MAPPING_EXPRESSION_COMPILES);
            if (compiled == null) {
                continue;
            }
            Set<String> nonAssertion = new LinkedHashSet<>();
            CelEngine.referencedKeys(compiled, CelEngine.GOOGLE).forEach(k -> nonAssertion.add("google." + k));
            CelEngine.referencedKeys(compiled, CelEngine.ATTRIBUTE).forEach(k -> nonAssertion.add("attribute." + k));
            if (!nonAssertion.isEmpty()) {
                out.add(SpecProblem.of(f, "reads " + String.join(", ", nonAssertion)
                        + ", which do not exist while mapping", SpecRules.MAPPING_READS_ASSERTION));
            }
        }
    }

    private static String mappingKeyDetail(String key) {
        if (key.startsWith("google.")) {
            return SpecText.quote(key) + " is not a google attribute STS maps (google.subject, google.groups, google.display_name)";
        }
        if (key.startsWith("attribute.")) {
            return SpecText.quote(key) + " needs 1-100 chars of [a-z0-9_] after attribute.";
        }
        return SpecText.quote(key) + " starts with neither attribute. nor google.";
    }

    private void condition(List<SpecProblem> out, FederationSpec.Provider p) {
        String f = "gcp.provider.attributeCondition";
        String condition = p.attributeCondition();
        if (condition.isBlank()) {
            String issuer = p.issuer() == null ? "" : p.issuer().strip().replaceAll("/+$", "");
            if (Issuers.isMultiTenant(issuer)) {
                out.add(SpecProblem.of(f, "is missing: without it every project on " + issuer + " can federate",
                        SpecRules.CONDITION_MULTI_TENANT));
            }
            return;
        }
        if (condition.length() > SpecRules.CONDITION_MAX) {
            out.add(SpecProblem.of(f, "is " + condition.length() + " chars", SpecRules.CONDITION_LENGTH));
            return;
        }
        CompiledExpression compiled = compile(out, f, condition, SpecRules.CONDITION_COMPILES);
        if (compiled == null) {
            return;
        }
        var type = compiled.ast().getResultType();
        if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
            out.add(SpecProblem.of(f, "evaluates to " + type.name() + ", not a bool", SpecRules.CONDITION_COMPILES));
        }
        Set<String> reads = new LinkedHashSet<>();
        CelEngine.referencedKeys(compiled, CelEngine.ASSERTION).forEach(k -> reads.add("assertion." + k));
        CelEngine.referencedKeys(compiled, CelEngine.ATTRIBUTE).forEach(k -> reads.add("attribute." + k));
        CelEngine.referencedKeys(compiled, CelEngine.GOOGLE).forEach(k -> reads.add("google." + k));
        if (reads.isEmpty()) {
            out.add(SpecProblem.of(f, SpecText.quote(condition) + " reads no claim; Google answers \""
                    + ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS + "\"", SpecRules.CONDITION_REFERENCES_CLAIMS));
        }
        List<String> unmapped = reads.stream().filter(k -> !k.startsWith("assertion."))
                .filter(k -> !p.attributeMapping().containsKey(k)).toList();
        if (!unmapped.isEmpty()) {
            out.add(SpecProblem.of(f, "reads " + String.join(", ", unmapped) + ", which the attributeMapping does not map",
                    SpecRules.CONDITION_MAPPED_ONLY));
        }
        List<String> boolLiterals = BoolLiteralComparisons.find(compiled, p.attributeMapping());
        if (!boolLiterals.isEmpty()) {
            out.add(SpecProblem.of(f, "compares " + String.join(", ", boolLiterals)
                    + " with a bool literal; GitLab sends \"true\"/\"false\" strings, so write == \"true\"",
                    SpecRules.CONDITION_BOOL_AS_STRING));
        }
    }

    private CompiledExpression compile(List<SpecProblem> out, String field, String expression, String rule) {
        try {
            return cel.compile(expression);
        } catch (CelCompileException e) {
            String where = e.problems().stream().map(CelCompileException.Problem::toString)
                    .collect(Collectors.joining("; "));
            out.add(SpecProblem.of(field, "does not compile: " + (where.isEmpty() ? e.getMessage() : where), rule));
            return null;
        }
    }

    /**
     * GitLab signs id_tokens with its own external URL as iss. An issuer naming another host (for
     * instance GitLab's Google Cloud integration issuer https://auth.gcp.gitlab.com/oidc/GROUP) never
     * matches those tokens. Skipped for the loopback sandbox, whose issuer is a name, not its address.
     */
    static void issuerMatchesGitLab(FederationSpec spec, List<SpecProblem> out) {
        FederationSpec.Provider provider = spec.gcp().provider();
        FederationSpec.GitLab gitlab = spec.gitlab().orElse(null);
        if (gitlab == null || provider == null || provider.issuer() == null || gitlab.url() == null) {
            return;
        }
        URI issuer = HttpUrls.parse(provider.issuer()).orElse(null);
        URI url = HttpUrls.parse(gitlab.url()).orElse(null);
        if (issuer == null || url == null || !"https".equals(issuer.getScheme()) || !"https".equals(url.getScheme())
                || issuer.getHost() == null || url.getHost() == null) {
            return; // the scheme rules already speak
        }
        String a = normalized(issuer);
        String b = normalized(url);
        if (!a.equals(b)) {
            out.add(SpecProblem.of("gcp.provider.issuer", SpecText.quote(provider.issuer()) + " is not the GitLab URL "
                    + SpecText.quote(gitlab.url()) + "; jobs there get tokens with iss " + SpecText.quote(b), SpecRules.ISSUER_IS_GITLAB_URL));
        }
    }

    private static String normalized(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String port = uri.getPort() < 0 || uri.getPort() == 443 ? "" : ":" + uri.getPort();
        return "https://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + port + path;
    }

}
