package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.Severity;
import java.util.List;

/** The engine's answer as the screen shows it: the stage ladder and the findings. */
public record DiagnosisReport(List<Stage> stages, List<Finding> findings) {
    public enum Status { PASS, FAIL, SKIPPED }

    /** One rung of the ladder: token, issuer, audience, mapping, condition, pool, binding, error-text, ci-config. */
    public record Stage(String name, Status status, String detail) {
        public Stage {
            detail = detail == null ? "" : detail;
        }
    }

    public DiagnosisReport {
        stages = List.copyOf(stages);
        findings = List.copyOf(findings);
    }

    /** Fail exactly when one finding is an error (CLI.md). */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public java.util.Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
