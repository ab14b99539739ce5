package dev.wifdesk.diagnose.live;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.Severity;
import java.util.Locale;

/** The readable report: one block per failed job, its error excerpt and the findings with their fixes. */
public final class LatestFailuresText {

    public String write(LatestFailures result) {
        StringBuilder sb = new StringBuilder();
        sb.append("Verdict: ").append(result.verdict().toUpperCase(Locale.ROOT)).append("  (")
                .append(result.jobs().size()).append(" recent failed job(s) of ").append(result.projectPath()).append(")\n");
        for (JobDiagnosis j : result.jobs()) {
            sb.append('\n').append("Job ").append(j.id()).append(' ').append(j.name()).append(" on ").append(j.ref());
            if (j.webUrl() != null) {
                sb.append("  ").append(j.webUrl());
            }
            sb.append('\n');
            if (j.diagnosis() == null) {
                j.notes().forEach(n -> sb.append("  ").append(n).append('\n'));
                continue;
            }
            sb.append("  error: ").append(j.excerpt().replace("\n", "\n         ")).append('\n');
            sb.append("  diagnosis: ").append(j.diagnosis().verdict().toUpperCase(Locale.ROOT)).append('\n');
            for (Finding f : j.diagnosis().findings()) {
                if (f.severity() == Severity.INFO && f.fix().isEmpty()) {
                    continue;
                }
                sb.append("    [").append(f.severity().wireName()).append("] ").append(f.code()).append(": ")
                        .append(f.message()).append('\n');
                if (!f.fix().isEmpty()) {
                    sb.append("      fix: ").append(f.fix()).append('\n');
                }
            }
            j.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
        }
        if (!result.notes().isEmpty()) {
            sb.append('\n');
            result.notes().forEach(n -> sb.append("Note: ").append(n).append('\n'));
        }
        return sb.toString();
    }
}
