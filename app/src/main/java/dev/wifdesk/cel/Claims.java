package dev.wifdesk.cel;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns JSON-ish values (Jackson, Gson, Nimbus) into the value types CEL expects. */
public final class Claims {
    private Claims() {
    }

    public static Map<String, Object> normalize(Map<String, ?> claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            Object value = value(v);
            if (value != null) {
                out.put(k, value);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Object value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.scale() <= 0 ? (Object) d.longValue() : (Object) d.doubleValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValue();
        }
        if (v instanceof Date d) {
            return d.getTime() / 1000L;
        }
        if (v instanceof Map<?, ?> m) {
            return normalize((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(value(o));
            }
            return out;
        }
        return v;
    }
}
