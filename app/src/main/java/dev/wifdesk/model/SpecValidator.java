package dev.wifdesk.model;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every rule of the WIF-FACTS.md limits table (and the spec's own shape rules) checked before any
 * API call, all problems at once. CEL expressions are compiled with the same {@link CelEngine} the
 * STS emulator and the diagnostics use, so "compiles here" means "compiles there".
 */
public final class SpecValidator {
    /** GitLab sends these as the strings "true"/"false", never as booleans. */
    private static final Set<String> GITLAB_STRING_BOOLEANS = Set.of("ref_protected", "environment_protected");
    private static final Set<String> GOOGLE_KEYS = Set.of("google.subject", "google.groups", "google.display_name");

    private final CelEngine cel;

    public SpecValidator(CelEngine cel) {
        this.cel = cel;
    }

    /** The spec itself when it breaks no rule. */
    public FederationSpec validate(FederationSpec spec) throws InvalidSpecException {
        List<SpecProblem> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return spec;
    }

    /** Every broken rule, in file order; empty when the spec is fine. Null fields count as missing. */
    public List<SpecProblem> problems(FederationSpec spec) {
        List<SpecProblem> out = new ArrayList<>();
        FederationSpec.Gcp gcp = spec.gcp();
        projectId(out, "gcp.project", gcp.project());
        pool(out, gcp.pool());
        Map<String, String> mapping = provider(out, gcp.provider());
        serviceAccount(out, "gcp.serviceAccount", gcp.serviceAccount());
        grants(out, gcp.grant(), mapping);
        for (int i = 0; i < gcp.projectRoles().size(); i++) {
            String role = gcp.projectRoles().get(i);
            if (!SpecRules.ROLE.matcher(role).matches()) {
                out.add(SpecProblem.of("gcp.projectRoles[" + i + "]", quote(role) + " is not a predefined role name",
                        SpecRules.PROJECT_ROLE));
            }
        }
        environments(out, spec);
        spec.gitlab().ifPresent(g -> gitlab(out, g));
        spec.gitlab().ifPresent(g -> issuerMatchesGitLab(out, gcp.provider(), g));
        spec.dataflow().ifPresent(d -> dataflow(out, d));
        return out;
    }

    private static void pool(List<SpecProblem> out, FederationSpec.Pool pool) {
        if (pool == null) {
            out.add(SpecProblem.of("gcp.pool", "is missing", SpecRules.REQUIRED));
            return;
        }
        id(out, "gcp.pool.id", pool.id(), SpecRules.POOL_ID);
        int displayName = pool.displayName() == null ? 0 : pool.displayName().codePointCount(0, pool.displayName().length());
        if (displayName > SpecRules.DISPLAY_NAME_MAX) {
            out.add(SpecProblem.of("gcp.pool.displayName", "is " + displayName + " chars", SpecRules.DISPLAY_NAME));
        }
        int description = pool.description().codePointCount(0, pool.description().length());
        if (description > SpecRules.DESCRIPTION_MAX) {
            out.add(SpecProblem.of("gcp.pool.description", "is " + description + " chars", SpecRules.DESCRIPTION));
        }
    }

    /** Checks the provider; returns its mapping (empty when absent) for the grant checks. */
    private Map<String, String> provider(List<SpecProblem> out, FederationSpec.Provider p) {
        if (p == null) {
            out.add(SpecProblem.of("gcp.provider", "is missing", SpecRules.REQUIRED));
            return Map.of();
        }
        id(out, "gcp.provider.id", p.id(), SpecRules.PROVIDER_ID);
        issuer(out, p.issuer());
        audiences(out, p.audiences());
        mapping(out, p.attributeMapping());
        condition(out, p);
        return p.attributeMapping();
    }

    private static void issuer(List<SpecProblem> out, String issuer) {
        String f = "gcp.provider.issuer";
        if (issuer == null || issuer.isBlank()) {
            out.add(SpecProblem.of(f, "is missing", SpecRules.REQUIRED));
            return;
        }
        URI uri = HttpUrls.parse(issuer).orElse(null);
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            out.add(SpecProblem.of(f, quote(issuer) + " is not an absolute URL", SpecRules.ISSUER_HTTPS));
        } else if (!"https".equals(uri.getScheme())) {
            out.add(SpecProblem.of(f, quote(issuer) + " is " + uri.getScheme() + "; Google answers \""
                    + ErrorTexts.ISSUER_NOT_HTTPS + "\"", SpecRules.ISSUER_HTTPS));
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            out.add(SpecProblem.of(f, quote(issuer) + " has a query or fragment", SpecRules.ISSUER_HTTPS));
        } else if (issuer.endsWith("/")) {
            // STS compares iss to the issuer as text: "https://gitlab.com/" never matches "https://gitlab.com"
            out.add(SpecProblem.of(f, quote(issuer) + " ends with a slash; write "
                    + quote(issuer.replaceAll("/+$", "")), SpecRules.ISSUER_NO_TRAILING_SLASH));
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
                out.add(SpecProblem.of(f, quote(a) + " is listed twice", SpecRules.AUDIENCE_UNIQUE));
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
            return quote(key) + " is not a google attribute STS maps (google.subject, google.groups, google.display_name)";
        }
        if (key.startsWith("attribute.")) {
            return quote(key) + " needs 1-100 chars of [a-z0-9_] after attribute.";
        }
        return quote(key) + " starts with neither attribute. nor google.";
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
            out.add(SpecProblem.of(f, quote(condition) + " reads no claim; Google answers \""
                    + ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS + "\"", SpecRules.CONDITION_REFERENCES_CLAIMS));
        }
        List<String> unmapped = reads.stream().filter(k -> !k.startsWith("assertion."))
                .filter(k -> !p.attributeMapping().containsKey(k)).toList();
        if (!unmapped.isEmpty()) {
            out.add(SpecProblem.of(f, "reads " + String.join(", ", unmapped) + ", which the attributeMapping does not map",
                    SpecRules.CONDITION_MAPPED_ONLY));
        }
        List<String> boolLiterals = boolLiteralComparisons(compiled, p.attributeMapping());
        if (!boolLiterals.isEmpty()) {
            out.add(SpecProblem.of(f, "compares " + String.join(", ", boolLiterals)
                    + " with a bool literal; GitLab sends \"true\"/\"false\" strings, so write == \"true\"",
                    SpecRules.CONDITION_BOOL_AS_STRING));
        }
    }

    /** {@code assertion.ref_protected == true} (or an attribute mapped straight from such a claim) is never true. */
    private static List<String> boolLiteralComparisons(CompiledExpression compiled, Map<String, String> mapping) {
        Map<String, Set<String>> stringBooleans = new HashMap<>();
        stringBooleans.put(CelEngine.ASSERTION, GITLAB_STRING_BOOLEANS);
        Set<String> attrs = mapping.entrySet().stream()
                .filter(e -> e.getKey().startsWith("attribute."))
                .filter(e -> GITLAB_STRING_BOOLEANS.stream().anyMatch(c -> e.getValue().strip().equals("assertion." + c)))
                .map(e -> e.getKey().substring("attribute.".length())).collect(Collectors.toSet());
        stringBooleans.put(CelEngine.ATTRIBUTE, attrs);
        Set<String> found = new LinkedHashSet<>();
        CelNavigableAst.fromAst(compiled.ast()).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CALL || e.call().args().size() != 2) {
                return;
            }
            String fn = e.call().function();
            if (!fn.equals("_==_") && !fn.equals("_!=_")) {
                return;
            }
            CelExpr a = e.call().args().get(0);
            CelExpr b = e.call().args().get(1);
            String read = stringBooleanRead(a, stringBooleans);
            if (read != null && isBoolLiteral(b)) {
                found.add(read);
            }
            read = stringBooleanRead(b, stringBooleans);
            if (read != null && isBoolLiteral(a)) {
                found.add(read);
            }
        });
        return List.copyOf(found);
    }

    private static String stringBooleanRead(CelExpr e, Map<String, Set<String>> stringBooleans) {
        if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.SELECT) {
            return null;
        }
        CelExpr operand = e.select().operand();
        if (operand.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        String var = operand.ident().name();
        String field = e.select().field();
        return stringBooleans.getOrDefault(var, Set.of()).contains(field) ? var + "." + field : null;
    }

    private static boolean isBoolLiteral(CelExpr e) {
        return e.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE;
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

    private static void grants(List<SpecProblem> out, List<String> grants, Map<String, String> mapping) {
        if (grants.isEmpty()) {
            out.add(SpecProblem.of("gcp.grant", "is empty: nobody could impersonate the service account",
                    SpecRules.GRANT_REQUIRED));
        }
        for (int i = 0; i < grants.size(); i++) {
            String f = "gcp.grant[" + i + "]";
            GrantEntry entry;
            try {
                entry = GrantEntry.parse(grants.get(i));
            } catch (IllegalArgumentException e) {
                out.add(SpecProblem.of(f, e.getMessage(), SpecRules.GRANT_ENTRY));
                continue;
            }
            entry.requiredMappingKey().filter(k -> !mapping.containsKey(k)).ifPresent(k -> out.add(
                    entry.kind() == PrincipalIdentifier.Kind.GROUP
                            ? SpecProblem.of(f, quote(entry.format()) + " needs google.groups in the attributeMapping",
                                    SpecRules.GRANT_GROUP_MAPPED)
                            : SpecProblem.of(f, quote(entry.format()) + " uses " + k
                                    + ", which the attributeMapping does not map", SpecRules.GRANT_ATTRIBUTE_MAPPED)));
        }
    }

    private static void environments(List<SpecProblem> out, FederationSpec spec) {
        Map<String, String> accounts = new HashMap<>();
        if (spec.gcp().serviceAccount() != null && spec.gcp().serviceAccount().id() != null) {
            accounts.put(spec.gcp().serviceAccount().id(), "gcp.serviceAccount.id");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.environments().size(); i++) {
            FederationSpec.Environment env = spec.environments().get(i);
            String f = "environments[" + i + "]";
            String name = env.name();
            if (name == null || name.isBlank()) {
                out.add(SpecProblem.of(f + ".name", "is missing", SpecRules.REQUIRED));
            } else if (!SpecRules.ENVIRONMENT.matcher(name).matches() || name.startsWith("/") || name.endsWith("/")) {
                out.add(SpecProblem.of(f + ".name", quote(name) + " is not a GitLab environment name",
                        SpecRules.ENVIRONMENT_NAME));
            } else if (!names.add(name)) {
                out.add(SpecProblem.of(f + ".name", quote(name) + " is listed twice", SpecRules.ENVIRONMENT_UNIQUE));
            }
            serviceAccount(out, f + ".serviceAccount", env.serviceAccount());
            if (env.serviceAccount() != null && env.serviceAccount().id() != null) {
                String previous = accounts.putIfAbsent(env.serviceAccount().id(), f + ".serviceAccount.id");
                if (previous != null) {
                    out.add(SpecProblem.of(f + ".serviceAccount.id", quote(env.serviceAccount().id())
                            + " is already used by " + previous, SpecRules.SERVICE_ACCOUNT_UNIQUE));
                }
            }
        }
    }

    private static void gitlab(List<SpecProblem> out, FederationSpec.GitLab g) {
        if (g.url() == null || g.url().isBlank()) {
            out.add(SpecProblem.of("gitlab.url", "is missing", SpecRules.REQUIRED));
        } else {
            boolean ok = HttpUrls.isGitLabUrl(g.url());
            if (!ok) {
                out.add(SpecProblem.of("gitlab.url", quote(g.url()) + " is not an https URL", SpecRules.GITLAB_URL));
            }
        }
        if (g.project() == null || g.project().isBlank()) {
            out.add(SpecProblem.of("gitlab.project", "is missing", SpecRules.REQUIRED));
        } else if (!GitLabPaths.isProjectPath(g.project())) {
            out.add(SpecProblem.of("gitlab.project", quote(g.project()) + " is not a group/project path",
                    SpecRules.GITLAB_PROJECT));
        }
        String ref = g.ref();
        if (ref.isBlank() || ref.chars().anyMatch(c -> Character.isWhitespace(c) || "~^:?*[\\".indexOf(c) >= 0)
                || ref.contains("..") || ref.startsWith("/") || ref.endsWith("/") || ref.endsWith(".lock")) {
            out.add(SpecProblem.of("gitlab.ref", quote(ref) + " is not a valid git ref name", SpecRules.GIT_REF));
        }
        if (g.variables().environmentScope().isBlank()) {
            out.add(SpecProblem.of("gitlab.variables.environmentScope", "is empty", SpecRules.ENVIRONMENT_SCOPE));
        }
    }

    /**
     * GitLab signs id_tokens with its own external URL as iss. An issuer naming another host (for
     * instance GitLab's Google Cloud integration issuer https://auth.gcp.gitlab.com/oidc/GROUP) never
     * matches those tokens. Skipped for the loopback sandbox, whose issuer is a name, not its address.
     */
    private static void issuerMatchesGitLab(List<SpecProblem> out, FederationSpec.Provider provider,
            FederationSpec.GitLab gitlab) {
        if (provider == null || provider.issuer() == null || gitlab.url() == null) {
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
            out.add(SpecProblem.of("gcp.provider.issuer", quote(provider.issuer()) + " is not the GitLab URL "
                    + quote(gitlab.url()) + "; jobs there get tokens with iss " + quote(b), SpecRules.ISSUER_IS_GITLAB_URL));
        }
    }

    private static String normalized(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String port = uri.getPort() < 0 || uri.getPort() == 443 ? "" : ":" + uri.getPort();
        return "https://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + port + path;
    }

    private static void dataflow(List<SpecProblem> out, FederationSpec.Dataflow d) {
        if (d.region() == null || d.region().isBlank()) {
            out.add(SpecProblem.of("dataflow.region", "is missing", SpecRules.REQUIRED));
        } else if (!SpecRules.REGION.matcher(d.region()).matches()) {
            out.add(SpecProblem.of("dataflow.region", quote(d.region()) + " is not a region name", SpecRules.DATAFLOW_REGION));
        }
        if (d.template() == null || d.template().isBlank()) {
            out.add(SpecProblem.of("dataflow.template", "is missing", SpecRules.REQUIRED));
        } else if (!SpecRules.GCS_PATH.matcher(d.template()).matches()) {
            out.add(SpecProblem.of("dataflow.template", quote(d.template()) + " is not a Cloud Storage object path",
                    SpecRules.DATAFLOW_TEMPLATE));
        }
        if (d.tempLocation() != null && !SpecRules.GCS_PATH.matcher(d.tempLocation()).matches()) {
            out.add(SpecProblem.of("dataflow.tempLocation", quote(d.tempLocation())
                    + " is not a Cloud Storage path", SpecRules.DATAFLOW_TEMP_LOCATION));
        }
    }

    private static void projectId(List<SpecProblem> out, String field, String project) {
        if (project == null || project.isBlank()) {
            out.add(SpecProblem.of(field, "is missing", SpecRules.REQUIRED));
            return;
        }
        if (SpecRules.PROJECT_ID_SHAPE.matcher(project).matches()) {
            return;
        }
        String detail;
        if (ResourceNames.isProjectNumber(project)) {
            detail = quote(project) + " is a project number; give the project ID (the number is looked up)";
        } else if (project.length() < 6 || project.length() > 30) {
            detail = quote(project) + " is " + project.length() + " chars";
        } else if (!Character.isLowerCase(project.charAt(0)) || !(project.charAt(0) >= 'a' && project.charAt(0) <= 'z')) {
            detail = quote(project) + " must start with a lowercase letter";
        } else if (project.endsWith("-")) {
            detail = quote(project) + " must not end with a hyphen";
        } else {
            detail = quote(project) + " has characters outside [a-z0-9-]: " + outside(project, "abcdefghijklmnopqrstuvwxyz0123456789-");
        }
        out.add(SpecProblem.of(field, detail, SpecRules.PROJECT_ID));
    }

    /** Pool and provider ids: 4-32 chars of [a-z0-9-], never gcp-. */
    private static void id(List<SpecProblem> out, String field, String id, String rule) {
        if (id == null || id.isBlank()) {
            out.add(SpecProblem.of(field, "is missing", SpecRules.REQUIRED));
        } else if (id.startsWith("gcp-")) {
            out.add(SpecProblem.of(field, quote(id) + " must not start with \"gcp-\"", rule));
        } else if (id.length() < SpecRules.ID_MIN || id.length() > SpecRules.ID_MAX) {
            out.add(SpecProblem.of(field, quote(id) + " is " + id.length() + " chars", rule));
        } else if (!SpecRules.ID_CHARS.matcher(id).matches()) {
            out.add(SpecProblem.of(field, quote(id) + " has characters outside [a-z0-9-]: "
                    + outside(id, "abcdefghijklmnopqrstuvwxyz0123456789-"), rule));
        }
    }

    private static void serviceAccount(List<SpecProblem> out, String field, FederationSpec.ServiceAccount sa) {
        if (sa == null) {
            out.add(SpecProblem.of(field, "is missing", SpecRules.REQUIRED));
            return;
        }
        String f = field + ".id";
        String id = sa.id();
        if (id == null || id.isBlank()) {
            out.add(SpecProblem.of(f, "is missing", SpecRules.REQUIRED));
        } else if (id.contains("@")) {
            out.add(SpecProblem.of(f, quote(id) + " is an email; give only the part before @",
                    SpecRules.SERVICE_ACCOUNT_ID));
        } else if (id.length() < 6 || id.length() > 30) {
            out.add(SpecProblem.of(f, quote(id) + " is " + id.length() + " chars", SpecRules.SERVICE_ACCOUNT_ID));
        } else if (!SpecRules.SERVICE_ACCOUNT_ID_SHAPE.matcher(id).matches()) {
            String detail = !(id.charAt(0) >= 'a' && id.charAt(0) <= 'z') ? " must start with a lowercase letter"
                    : id.endsWith("-") ? " must end with a letter or digit"
                    : " has characters outside [-a-z0-9]: " + outside(id, "abcdefghijklmnopqrstuvwxyz0123456789-");
            out.add(SpecProblem.of(f, quote(id) + detail, SpecRules.SERVICE_ACCOUNT_ID));
        }
    }

    private static String outside(String text, String allowed) {
        Set<String> bad = new LinkedHashSet<>();
        text.chars().filter(c -> allowed.indexOf(c) < 0).forEach(c -> bad.add("'" + (char) c + "'"));
        return String.join(", ", bad);
    }

    /** A value in a message: quoted, and cut short when long (a message is one readable line). */
    private static String quote(String s) {
        return "\"" + (s.length() > 100 ? s.substring(0, 97) + "..." : s) + "\"";
    }
}
