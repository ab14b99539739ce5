package dev.wifdesk.diagnose;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import dev.wifdesk.cel.ConditionResult;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cel.MappingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says WHICH part of an attribute condition is false and with which values: walks the CEL AST
 * through {@code &&}, {@code ||} and {@code !}, evaluates each operand on its own (unparsed and
 * compiled by the same {@link FederationEvaluator} STS uses) and reports the false leaves.
 * Also finds comparisons of GitLab's string booleans with bool literals.
 */
final class ConditionExplainer {
    private static final int MAX_PARTS = 20;
    private static final Pattern BOOL_RIGHT = Pattern.compile(
            "((?:assertion|attribute)(?:\\.[A-Za-z0-9_]+|\\[\\s*[\"'][A-Za-z0-9_]+[\"']\\s*\\]))(\\s*(?:==|!=)\\s*)(true|false)\\b");
    private static final Pattern BOOL_LEFT = Pattern.compile(
            "\\b(true|false)(\\s*(?:==|!=)\\s*)((?:assertion|attribute)(?:\\.[A-Za-z0-9_]+|\\[\\s*[\"'][A-Za-z0-9_]+[\"']\\s*\\]))");

    private final FederationEvaluator evaluator;
    private final CelUnparser unparser = CelUnparserFactory.newUnparser();

    ConditionExplainer(FederationEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** A false (or failing) leaf: its text, the outcome, and the values it read. */
    record FalsePart(String expression, ConditionResult.Outcome outcome, String detail, Map<String, String> values) {
    }

    /** A comparison of a claim/attribute with {@code true}/{@code false}. */
    record BoolAsString(String expression, String variable, String key) {
    }

    /** The false leaves of {@code condition} for these claims; empty when it does not compile. */
    List<FalsePart> falseParts(String condition, Map<String, Object> claims, MappingResult mapped) {
        List<FalsePart> out = new ArrayList<>();
        CompiledExpression compiled;
        try {
            compiled = evaluator.engine().compile(condition);
        } catch (CelCompileException e) {
            return out;
        }
        walk(compiled.ast(), compiled.ast().getExpr(), claims, mapped, out);
        return out;
    }

    private void walk(CelAbstractSyntaxTree ast, CelExpr expr, Map<String, Object> claims, MappingResult mapped,
                      List<FalsePart> out) {
        if (out.size() >= MAX_PARTS) {
            return;
        }
        if (expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL) {
            String fn = expr.call().function();
            if (fn.equals("_&&_") || fn.equals("_||_")) {
                List<CelExpr> notTrue = new ArrayList<>();
                for (CelExpr arg : expr.call().args()) {
                    if (evaluate(ast, arg, claims, mapped).outcome() != ConditionResult.Outcome.ALLOWED) {
                        notTrue.add(arg);
                    }
                }
                // && is false when any operand is; || only when all are
                if (fn.equals("_&&_") || notTrue.size() == expr.call().args().size()) {
                    for (CelExpr arg : notTrue) {
                        walk(ast, arg, claims, mapped, out);
                    }
                }
                return;
            }
        }
        String text = unparse(ast, expr);
        ConditionResult r = evaluate(ast, expr, claims, mapped);
        out.add(new FalsePart(text, r.outcome(), r.detail(), values(text, claims, mapped)));
    }

    private ConditionResult evaluate(CelAbstractSyntaxTree ast, CelExpr expr, Map<String, Object> claims, MappingResult mapped) {
        return evaluator.condition(unparse(ast, expr), claims, mapped);
    }

    private String unparse(CelAbstractSyntaxTree ast, CelExpr expr) {
        try {
            return unparser.unparse(CelAbstractSyntaxTree.newParsedAst(expr, ast.getSource()));
        } catch (RuntimeException e) {
            return expr.toString();
        }
    }

    /** The claims and attributes an expression reads, with their values as CEL shows them. */
    Map<String, String> values(String text, Map<String, Object> claims, MappingResult mapped) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            CompiledExpression c = evaluator.engine().compile(text);
            for (String k : CelEngine.referencedKeys(c, CelEngine.ASSERTION)) {
                out.put("assertion." + k, show(claims.get(k), claims.containsKey(k)));
            }
            for (String k : CelEngine.referencedKeys(c, CelEngine.ATTRIBUTE)) {
                Map<String, Object> attrs = mapped == null ? Map.of() : mapped.attribute();
                out.put("attribute." + k, show(attrs.get(k), attrs.containsKey(k)));
            }
        } catch (CelCompileException e) {
            // the leaf came from a compiled condition; cannot happen
        }
        return out;
    }

    static String show(Object v, boolean present) {
        if (!present) {
            return "(absent)";
        }
        if (v instanceof String s) {
            return "\"" + s + "\" (string)";
        }
        return v + " (" + FederationEvaluator.typeName(v) + ")";
    }

    /** Comparisons {@code assertion.X == true} and the like, found in the AST. */
    List<BoolAsString> boolAsString(String condition) {
        List<BoolAsString> out = new ArrayList<>();
        CompiledExpression compiled;
        try {
            compiled = evaluator.engine().compile(condition);
        } catch (CelCompileException e) {
            return out;
        }
        CelAbstractSyntaxTree ast = compiled.ast();
        dev.cel.common.navigation.CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CALL) {
                return;
            }
            String fn = e.call().function();
            if (!(fn.equals("_==_") || fn.equals("_!=_")) || e.call().args().size() != 2) {
                return;
            }
            CelExpr a = e.call().args().get(0);
            CelExpr b = e.call().args().get(1);
            CelExpr variable = isBool(a) ? b : isBool(b) ? a : null;
            if (variable == null) {
                return;
            }
            String[] ref = reference(variable);
            if (ref != null) {
                out.add(new BoolAsString(unparse(ast, e), ref[0], ref[1]));
            }
        });
        return out;
    }

    /** The condition with every claim/attribute-vs-bool-literal comparison quoted: {@code == true} -> {@code == "true"}. */
    static String quoteBoolLiterals(String condition) {
        String fixed = BOOL_RIGHT.matcher(condition).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + "\"" + m.group(3) + "\""));
        return BOOL_LEFT.matcher(fixed).replaceAll(m -> Matcher.quoteReplacement(
                "\"" + m.group(1) + "\"" + m.group(2) + m.group(3)));
    }

    private static boolean isBool(CelExpr e) {
        return e.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE;
    }

    /** {variable, key} for {@code assertion.key} / {@code attribute["key"]}, else null. */
    private static String[] reference(CelExpr e) {
        if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT) {
            CelExpr operand = e.select().operand();
            if (operand.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT) {
                return new String[] {operand.ident().name(), e.select().field()};
            }
        }
        if (e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("_[_]")
                && e.call().args().size() == 2) {
            CelExpr operand = e.call().args().get(0);
            CelExpr index = e.call().args().get(1);
            if (operand.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                    && index.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                    && index.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                return new String[] {operand.ident().name(), index.constant().stringValue()};
            }
        }
        return null;
    }
}
