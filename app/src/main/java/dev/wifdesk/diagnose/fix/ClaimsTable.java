package dev.wifdesk.diagnose.fix;

import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the claims table: every claim of the token, its value, and which attribute-mapping
 * keys (google.subject, attribute.X) read it, found with the same CEL compiler the STS uses.
 */
public final class ClaimsTable {
    /** The standard claims first, then the rest alphabetically. */
    private static final List<String> FIRST = List.of("iss", "sub", "aud", "exp", "nbf", "iat");

    private final CelEngine cel;

    public ClaimsTable(CelEngine cel) {
        this.cel = cel;
    }

    public List<ClaimRow> rows(Map<String, Object> claims, Map<String, String> mapping) {
        Map<String, List<String>> readers = readers(mapping == null ? Map.of() : mapping);
        List<String> names = new ArrayList<>(claims.keySet());
        names.sort(Comparator.<String>comparingInt(n -> FIRST.contains(n) ? FIRST.indexOf(n) : FIRST.size())
                .thenComparing(Comparator.naturalOrder()));
        List<ClaimRow> out = new ArrayList<>();
        for (String name : names) {
            out.add(new ClaimRow(name, display(claims.get(name)), String.join(", ", readers.getOrDefault(name, List.of()))));
        }
        return out;
    }

    /** claim -> mapping keys whose expression references {@code assertion.claim}. */
    private Map<String, List<String>> readers(Map<String, String> mapping) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var e : new TreeMap<>(mapping).entrySet()) {
            try {
                CompiledExpression expr = cel.compile(e.getValue());
                Set<String> keys = CelEngine.referencedKeys(expr, CelEngine.ASSERTION);
                keys.forEach(k -> out.computeIfAbsent(k, x -> new ArrayList<>()).add(e.getKey()));
            } catch (CelCompileException broken) {
                // a broken expression reads nothing here; the diagnosis reports it as a finding
            }
        }
        return out;
    }

    static String display(Object v) {
        if (v instanceof Date d) {
            return (d.getTime() / 1000) + " (" + d.toInstant() + ")";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return String.valueOf(v);
    }
}
