package dev.wifdesk.diagnose;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.List;
import java.util.Optional;

/** The result: stages in the order STS/IAM walk them, and the findings. */
public record Diagnosis(List<StageResult> stages, List<Finding> findings) {
    public Diagnosis {
        stages = List.copyOf(stages);
        findings = List.copyOf(findings);
    }

    /** {@code fail} exactly when a finding has severity error. */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public String verdict() {
        return passed() ? "pass" : "fail";
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    public Optional<Finding> finding(FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).findFirst();
    }

    public Optional<StageResult> stage(Stage stage) {
        return stages.stream().filter(s -> s.stage() == stage).findFirst();
    }
}
