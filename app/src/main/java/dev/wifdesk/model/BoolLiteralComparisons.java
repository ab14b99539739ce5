package dev.wifdesk.model;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds a GitLab string boolean compared with a bool literal in a condition: never true on a real token. */
final class BoolLiteralComparisons {
    /** GitLab sends these as the strings "true"/"false", never as booleans. */
    private static final Set<String> GITLAB_STRING_BOOLEANS = Set.of("ref_protected", "environment_protected");

    private BoolLiteralComparisons() {
    }

    /** {@code assertion.ref_protected == true} (or an attribute mapped straight from such a claim) is never true. */
    static List<String> find(CompiledExpression compiled, Map<String, String> mapping) {
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

}
