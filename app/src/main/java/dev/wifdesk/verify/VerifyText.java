package dev.wifdesk.verify;

import dev.wifdesk.model.Finding;

/** The verification as a terminal checklist: one line per check, its evidence, then the findings with their fixes. */
public final class VerifyText {
    private VerifyText() {
    }

    public static String write(VerifyReport report) {
        StringBuilder b = new StringBuilder();
        Layer layer = null;
        for (CheckResult c : report.checks()) {
            if (c.layer() != layer) {
                layer = c.layer();
                b.append(b.length() == 0 ? "" : "\n").append(layer.wireName()).append('\n');
            }
            b.append("  [").append(symbol(c.status())).append("] ").append(c.name()).append(": ").append(c.detail()).append('\n');
            if (!c.fix().isEmpty()) {
                c.fix().lines().forEach(l -> b.append("      fix: ").append(l).append('\n'));
            }
        }
        report.dataflowJob().ifPresent(j -> b.append("\nDataflow job ").append(j.id()).append(": ").append(j.state())
                .append("\n  ").append(j.consoleUrl()).append('\n'));
        if (!report.findings().isEmpty()) {
            b.append("\nFindings:\n");
            for (Finding f : report.findings()) {
                b.append("  ").append(f.severity().wireName()).append(' ').append(f.code()).append(": ").append(f.message())
                        .append('\n');
                if (!f.fix().isEmpty()) {
                    f.fix().lines().forEach(l -> b.append("    fix: ").append(l).append('\n'));
                }
            }
        }
        b.append("\nverdict: ").append(report.verdict()).append(report.cancelled() ? " (cancelled)" : "").append('\n');
        if (!VerifyFix.stepIds(report).isEmpty()) {
            b.append("'wifdesk apply --spec FILE' applies the setup steps that fix this: ")
                    .append(String.join(", ", VerifyFix.stepIds(report))).append('\n');
        }
        return b.toString();
    }

    private static String symbol(CheckStatus s) {
        return switch (s) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case WAITING -> "wait";
            case SKIPPED -> "skip";
        };
    }
}
