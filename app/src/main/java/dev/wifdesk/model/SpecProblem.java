package dev.wifdesk.model;

import java.util.Objects;

/**
 * One thing wrong with a spec file: the field path ({@code gcp.provider.attributeMapping["attribute.x"]}),
 * the rule it breaks, and the whole person-readable line, e.g.
 * {@code gcp.pool.id: "gcp-ci" must not start with "gcp-" (rule: pool id 4-32 chars [a-z0-9-], not starting with gcp-)}.
 */
public record SpecProblem(String field, String rule, String message) {
    public SpecProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Builds the message as {@code FIELD: DETAIL (rule: RULE)}, always on one line: line breaks and
     * other control characters in values (a multi-line condition, a key with a newline) are escaped.
     */
    public static SpecProblem of(String field, String detail, String rule) {
        String f = oneLine(field);
        return new SpecProblem(f, rule, f + ": " + oneLine(detail) + " (rule: " + rule + ")");
    }

    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return message;
    }
}
