package dev.wifdesk.model;

import java.util.Map;
import java.util.Objects;

/**
 * One problem (or notice) found by the diagnostics: a person-readable message, a concrete fix
 * (the corrected value, the gcloud flag, the CEL) and the evidence (expected vs actual).
 */
public record Finding(FindingCode code, Severity severity, String message, String fix, Map<String, String> evidence) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }
}
