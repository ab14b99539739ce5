package dev.wifdesk.export;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes HCL blocks and attributes, with strings escaped so that Terraform reads back exactly the value. */
final class HclWriter {
    private final StringBuilder out = new StringBuilder();
    private final Set<String> labels = new HashSet<>();
    private final String marker;
    private final String markerExpression;
    private int depth;

    /** Each {@code marker} in a string becomes the interpolation {@code ${markerExpression}}. */
    HclWriter(String marker, String markerExpression) {
        this.marker = marker;
        this.markerExpression = markerExpression;
    }

    HclWriter comment(String text) {
        indent().append("# ").append(text.replaceAll("\\R", " ")).append('\n');
        return this;
    }

    HclWriter blank() {
        out.append('\n');
        return this;
    }

    HclWriter open(String type, String... blockLabels) {
        indent().append(type);
        for (String l : blockLabels) {
            out.append(' ').append('"').append(l).append('"');
        }
        out.append(" {\n");
        depth++;
        return this;
    }

    HclWriter close() {
        depth--;
        indent().append("}\n");
        return this;
    }

    HclWriter string(String name, String value) {
        return raw(name, str(value));
    }

    HclWriter bool(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** An expression written as is (a reference such as {@code google_service_account.x}). */
    HclWriter raw(String name, String expression) {
        indent().append(name).append(" = ").append(expression).append('\n');
        return this;
    }

    HclWriter strings(String name, List<String> values) {
        return raw(name, "[" + String.join(", ", values.stream().map(this::str).toList()) + "]");
    }

    HclWriter map(String name, Map<String, String> values) {
        indent().append(name).append(" = {\n");
        values.forEach((k, v) -> indent().append("  ").append(str(k)).append(" = ").append(str(v)).append('\n'));
        indent().append("}\n");
        return this;
    }

    /** A resource name Terraform accepts ({@code [a-z_][a-z0-9_-]*}), made unique in this file. */
    String label(String... parts) {
        String base = String.join("_", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "r_" + base;
        }
        String label = base;
        for (int i = 2; !labels.add(label); i++) {
            label = base + "_" + i;
        }
        return label;
    }

    /** A quoted HCL string: escapes, {@code ${}} / {@code %{} written as literals, the marker interpolated. */
    String str(String value) {
        StringBuilder sb = new StringBuilder("\"");
        String[] parts = value.split(Pattern.quote(marker), -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append("${").append(markerExpression).append('}');
            }
            sb.append(escape(parts[i]));
        }
        return sb.append('"').toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean template = (c == '$' || c == '%') && i + 1 < s.length() && s.charAt(i + 1) == '{';
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(template ? String.valueOf(c) + c : String.valueOf(c));
            }
        }
        return sb.toString();
    }

    private StringBuilder indent() {
        return out.append("  ".repeat(Math.max(0, depth)));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
