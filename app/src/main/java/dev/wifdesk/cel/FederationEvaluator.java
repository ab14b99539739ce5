package dev.wifdesk.cel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute mapping and attribute condition, judged the way STS judges them. The sandbox STS and
 * the diagnostics both call this class, so they can never disagree about a token.
 */
public final class FederationEvaluator {
    public static final int SUBJECT_MAX_BYTES = 127;
    private static final String GOOGLE_PREFIX = "google.";
    private static final String ATTRIBUTE_PREFIX = "attribute.";

    private final CelEngine engine;

    public FederationEvaluator(CelEngine engine) {
        this.engine = engine;
    }

    public CelEngine engine() {
        return engine;
    }

    /** Applies {@code mapping} (target key -> CEL over {@code assertion}) to the token's claims. */
    public MappingResult map(Map<String, String> mapping, Map<String, ?> rawClaims) {
        Map<String, Object> claims = Claims.normalize(rawClaims);
        Map<String, Object> google = new LinkedHashMap<>();
        Map<String, Object> attribute = new LinkedHashMap<>();
        List<MappingResult.Problem> problems = new ArrayList<>();
        if (mapping == null || !mapping.containsKey("google.subject")) {
            problems.add(new MappingResult.Problem("google.subject", MappingResult.Kind.MISSING_SUBJECT,
                    "no google.subject mapping", true));
        }
        Map<String, Object> vars = Map.of(CelEngine.ASSERTION, claims);
        for (Map.Entry<String, String> e : mapping == null ? Map.<String, String>of().entrySet() : mapping.entrySet()) {
            String key = e.getKey();
            boolean isSubject = key.equals("google.subject");
            CompiledExpression expr;
            try {
                expr = engine.compile(e.getValue());
            } catch (CelCompileException ex) {
                problems.add(new MappingResult.Problem(key, MappingResult.Kind.COMPILE_ERROR, ex.getMessage(), true));
                continue;
            }
            List<String> missing = CelEngine.referencedKeys(expr, CelEngine.ASSERTION).stream()
                    .filter(c -> !claims.containsKey(c)).toList();
            Object value;
            try {
                value = engine.evaluate(expr, vars);
            } catch (CelEvalException ex) {
                if (!missing.isEmpty()) {
                    problems.add(new MappingResult.Problem(key, MappingResult.Kind.CLAIM_MISSING,
                            "the token has no claim " + String.join(", ", missing), isSubject));
                } else {
                    problems.add(new MappingResult.Problem(key, MappingResult.Kind.EVAL_ERROR, ex.getMessage(), true));
                }
                continue;
            }
            if (isSubject) {
                if (!(value instanceof String s)) {
                    problems.add(new MappingResult.Problem(key, MappingResult.Kind.SUBJECT_NOT_STRING,
                            "google.subject evaluated to " + typeName(value) + " " + value, true));
                    continue;
                }
                int bytes = s.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > SUBJECT_MAX_BYTES) {
                    problems.add(new MappingResult.Problem(key, MappingResult.Kind.SUBJECT_TOO_LONG,
                            "google.subject is " + bytes + " bytes, the limit is " + SUBJECT_MAX_BYTES, true));
                }
            }
            if (value instanceof dev.cel.common.values.NullValue) {
                continue; // STS leaves an attribute mapped to null unset
            }
            if (key.startsWith(GOOGLE_PREFIX)) {
                google.put(key.substring(GOOGLE_PREFIX.length()), value);
            } else if (key.startsWith(ATTRIBUTE_PREFIX)) {
                attribute.put(key.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        }
        return new MappingResult(google, attribute, problems);
    }

    /** Evaluates the condition over the claims and what the mapping made of them. */
    public ConditionResult condition(String condition, Map<String, ?> rawClaims, MappingResult mapped) {
        if (condition == null || condition.isBlank()) {
            return new ConditionResult(ConditionResult.Outcome.ABSENT, "no attribute condition");
        }
        CompiledExpression expr;
        try {
            expr = engine.compile(condition);
        } catch (CelCompileException ex) {
            return new ConditionResult(ConditionResult.Outcome.ERROR, "does not compile: " + ex.getMessage());
        }
        Map<String, Object> vars = Map.of(
                CelEngine.ASSERTION, Claims.normalize(rawClaims),
                CelEngine.GOOGLE, mapped.google(),
                CelEngine.ATTRIBUTE, mapped.attribute());
        try {
            Object result = engine.evaluate(expr, vars);
            if (result instanceof Boolean b) {
                return b ? new ConditionResult(ConditionResult.Outcome.ALLOWED, "condition is true")
                        : new ConditionResult(ConditionResult.Outcome.REJECTED, "condition is false");
            }
            return new ConditionResult(ConditionResult.Outcome.ERROR,
                    "condition evaluated to " + typeName(result) + ", not a bool");
        } catch (CelEvalException ex) {
            return new ConditionResult(ConditionResult.Outcome.ERROR, "fails to evaluate: " + ex.getMessage());
        }
    }

    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "int";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "map";
        }
        return value.getClass().getSimpleName();
    }
}
