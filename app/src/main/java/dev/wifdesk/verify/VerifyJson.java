package dev.wifdesk.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.diagnose.DiagnosisJson;
import dev.wifdesk.model.Finding;

/**
 * CLI.md's verify JSON: {@code {"verdict", "checks": [{layer, name, status, detail}], "dataflowJob":
 * {id, state}, "findings": [...]}}. Additions (docs/cli-extensions.md): a check's {@code fix} and
 * {@code fixSteps} when it has them, the job's {@code consoleUrl} and {@code messages}.
 */
public final class VerifyJson {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private VerifyJson() {
    }

    public static String write(VerifyReport report) {
        try {
            return JSON.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the verification as JSON", e);
        }
    }

    /** The report as a JSON tree (rotate embeds it). */
    public static ObjectNode tree(VerifyReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", report.verdict());
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : report.checks()) {
            ObjectNode o = checks.addObject();
            o.put("layer", c.layer().wireName()).put("name", c.name()).put("status", c.status().wireName())
                    .put("detail", c.detail());
            if (!c.fix().isEmpty()) {
                o.put("fix", c.fix());
            }
            if (!c.fixSteps().isEmpty()) {
                c.fixSteps().forEach(o.putArray("fixSteps")::add);
            }
        }
        if (report.dataflowJob().isPresent()) {
            DataflowJob j = report.dataflowJob().get();
            ObjectNode job = root.putObject("dataflowJob").put("id", j.id()).put("state", j.state()).put("consoleUrl", j.consoleUrl());
            if (!j.messages().isEmpty()) {
                j.messages().forEach(job.putArray("messages")::add);
            }
        } else {
            root.putNull("dataflowJob");
        }
        report.pipeline().ifPresent(p -> root.putObject("pipeline").put("id", p.id()).put("status", p.status())
                .put("webUrl", p.webUrl()));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            DiagnosisJson.addFinding(findings, f);
        }
        if (report.cancelled()) {
            root.put("cancelled", true);
        }
        return root;
    }
}
