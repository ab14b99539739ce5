package dev.wifdesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.verify.VerifyJson;
import dev.wifdesk.verify.VerifyReport;
import dev.wifdesk.verify.VerifyText;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.RotationFinding;
import dev.wifdesk.rotate.RotationPlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code wifdesk rotate} output: a phase's plan (CLI.md: {@code {"phase","oldPool","newPool","steps":[...],
 * "pipeline":...}}, steps as {@code plan} prints them) or the pools' status.
 */
final class RotateReport {

    private RotateReport() {
    }

    /**
     * With the verification of the path the phase left live: {@code "verification"} is verify's JSON,
     * {@code "pipeline"} the pipeline it ran ({@code {"id", "status", "webUrl"}}) or null.
     */
    static String json(RotationPlan plan, Optional<PlanRun> run, Optional<VerifyReport> verified) {
        ObjectNode root = JsonMapper.builder().build().createObjectNode();
        root.put("phase", plan.phase().word()).put("oldPool", plan.oldPool()).put("newPool", plan.newPool());
        root.setAll(new PlanReport(plan.plan(), run).node());
        ArrayNode findings = root.putArray("findings");
        plan.findings().forEach(f -> findings.addObject().put("code", f.code()).put("severity", f.severity())
                .put("message", f.message()).put("fix", f.fix()));
        Optional<ObjectNode> verification = verified.map(VerifyJson::tree);
        root.set("pipeline", verification.map(v -> v.get("pipeline")).orElse(null)); // verify's shape, or null
        verification.ifPresent(v -> root.set("verification", v));
        return PlanReport.write(root);
    }

    static String text(RotationPlan plan, Optional<PlanRun> run) {
        return text(plan, run, Optional.empty());
    }

    static String text(RotationPlan plan, Optional<PlanRun> run, Optional<VerifyReport> verified) {
        StringBuilder b = new StringBuilder("Rotation, phase ").append(plan.phase().word()).append(": ")
                .append(plan.oldPool()).append(" -> ").append(plan.newPool()).append('\n');
        b.append(new PlanReport(plan.plan(), run).text());
        if (!plan.findings().isEmpty()) {
            b.append("\nTo decide:\n");
            for (RotationFinding f : plan.findings()) {
                b.append("  ").append(f.severity()).append(' ').append(f.code()).append(": ").append(f.message())
                        .append("\n    fix: ").append(f.fix()).append('\n');
            }
        }
        verified.ifPresent(v -> b.append("\nVerification of the path now live:\n").append(VerifyText.write(v)));
        return b.toString();
    }

    static String statusJson(List<PoolStatus> pools, long policyDays, Instant now) {
        ObjectNode root = JsonMapper.builder().build().createObjectNode();
        root.put("policyDays", policyDays);
        ArrayNode list = root.putArray("pools");
        for (PoolStatus p : pools) {
            ObjectNode o = list.addObject();
            o.put("id", p.poolId()).put("state", p.state()).put("disabled", p.disabled());
            putTime(o, "created", p.created());
            p.ageDays(now).ifPresentOrElse(d -> o.put("ageDays", d), () -> o.putNull("ageDays"));
            putTime(o, "lastRotation", p.lastRotation());
            p.marker().ifPresentOrElse(m -> o.put("rotatedFrom", m.rotatedFrom()), () -> o.putNull("rotatedFrom"));
            putTime(o, "due", p.due());
            o.put("overdue", p.overdue());
            p.purgeTime().ifPresent(t -> o.put("purgeTime", t));
            p.pointedAtBy().forEach(o.putArray("pointedAtBy")::add);
            if (p.pointedAtBy().isEmpty()) {
                o.putArray("pointedAtBy");
            }
        }
        return PlanReport.write(root);
    }

    static String statusText(List<PoolStatus> pools, long policyDays, Instant now) {
        StringBuilder b = new StringBuilder("Pools (rotation policy: every ").append(policyDays).append(" days)\n");
        for (PoolStatus p : pools) {
            b.append('\n').append(p.overdue() ? "! " : "  ").append(p.poolId()).append("  ").append(p.state())
                    .append(p.disabled() ? " (disabled)" : "").append(p.overdue() ? "  OVERDUE" : "").append('\n');
            b.append("    age: ").append(p.ageDays(now).map(d -> d + " days").orElse("unknown (not in the audit log)"))
                    .append("; last rotation: ").append(p.lastRotation().map(Instant::toString).orElse("never"))
                    .append(p.marker().map(m -> " (from " + m.rotatedFrom() + ")").orElse(""))
                    .append("; due: ").append(p.due().map(Instant::toString).orElse("-")).append('\n');
            p.purgeTime().ifPresent(t -> b.append("    purged at ").append(t).append('\n'));
            b.append("    used by: ").append(p.pointedAtBy().isEmpty() ? "no GitLab variable"
                    : String.join(", ", p.pointedAtBy())).append('\n');
        }
        return b.toString();
    }

    private static void putTime(ObjectNode o, String field, Optional<Instant> t) {
        t.ifPresentOrElse(v -> o.put(field, v.toString()), () -> o.putNull(field));
    }
}
