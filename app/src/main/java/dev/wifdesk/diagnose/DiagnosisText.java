package dev.wifdesk.diagnose;

import dev.wifdesk.model.Finding;
import java.util.Locale;

/** The human-readable report of {@code wifdesk diagnose --format text}. */
public final class DiagnosisText {

    public String write(Diagnosis d) {
        StringBuilder sb = new StringBuilder();
        sb.append("Verdict: ").append(d.verdict().toUpperCase(Locale.ROOT)).append('\n').append('\n');
        sb.append("Stages:\n");
        for (StageResult s : d.stages()) {
            sb.append(String.format(Locale.ROOT, "  %-8s %-10s %s%n", s.status().wireName(), s.stage().wireName(), s.detail()));
        }
        if (d.findings().isEmpty()) {
            sb.append('\n').append("No findings.\n");
            return sb.toString();
        }
        sb.append('\n').append("Findings:\n");
        for (Finding f : d.findings()) {
            sb.append("  [").append(f.severity().wireName()).append("] ").append(f.code()).append('\n');
            sb.append("    ").append(f.message()).append('\n');
            if (!f.fix().isEmpty()) {
                sb.append("    fix: ").append(f.fix()).append('\n');
            }
            f.evidence().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> sb.append("    ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        }
        return sb.toString();
    }
}
