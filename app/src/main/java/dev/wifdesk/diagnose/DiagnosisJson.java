package dev.wifdesk.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.model.Finding;

/** The CLI.md JSON shape: {@code {verdict, stages:[{stage,status,detail}], findings:[{code,severity,message,fix,evidence}]}}. */
public final class DiagnosisJson {
    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ObjectNode toTree(Diagnosis d) {
        ObjectNode root = mapper.createObjectNode();
        root.put("verdict", d.verdict());
        ArrayNode stages = root.putArray("stages");
        for (StageResult s : d.stages()) {
            stages.addObject().put("stage", s.stage().wireName()).put("status", s.status().wireName()).put("detail", s.detail());
        }
        ArrayNode findings = root.putArray("findings");
        d.findings().forEach(f -> addFinding(findings, f));
        return root;
    }

    /** One finding in CLI.md's shape {@code {code, severity, message, fix, evidence}} (plan's findings use it too). */
    public static void addFinding(ArrayNode findings, Finding f) {
        ObjectNode o = findings.addObject();
        o.put("code", f.code().name()).put("severity", f.severity().wireName()).put("message", f.message()).put("fix", f.fix());
        ObjectNode ev = o.putObject("evidence");
        f.evidence().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> ev.put(e.getKey(), e.getValue()));
    }

    public String write(Diagnosis d) {
        try {
            return mapper.writeValueAsString(toTree(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write diagnosis JSON", e);
        }
    }
}
