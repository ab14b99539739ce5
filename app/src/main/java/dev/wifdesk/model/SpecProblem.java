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

    /** Builds the message as {@code FIELD: DETAIL (rule: RULE)}. */
    public static SpecProblem of(String field, String detail, String rule) {
        return new SpecProblem(field, rule, field + ": " + detail + " (rule: " + rule + ")");
    }

    @Override
    public String toString() {
        return message;
    }
}
