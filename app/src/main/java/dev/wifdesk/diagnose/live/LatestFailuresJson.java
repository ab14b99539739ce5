package dev.wifdesk.diagnose.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.diagnose.DiagnosisJson;

/**
 * {@code {"verdict", "jobs": [{"id", "name", "ref", "webUrl", "excerpt", "federationError", "diagnosis": {CLI.md
 * diagnose object} | null, "notes": [...]}], "notes": [...]}}.
 */
public final class LatestFailuresJson {
    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final DiagnosisJson diagnosisJson = new DiagnosisJson();

    public ObjectNode toTree(LatestFailures result) {
        ObjectNode root = mapper.createObjectNode();
        root.put("verdict", result.verdict());
        root.put("project", result.projectPath());
        ArrayNode jobs = root.putArray("jobs");
        for (JobDiagnosis j : result.jobs()) {
            ObjectNode o = jobs.addObject();
            o.put("id", j.id()).put("name", j.name()).put("ref", j.ref()).put("webUrl", j.webUrl()).put("excerpt", j.excerpt());
            o.put("federationError", j.federationErrorFound());
            if (j.diagnosis() == null) {
                o.putNull("diagnosis");
            } else {
                o.set("diagnosis", diagnosisJson.toTree(j.diagnosis()));
            }
            ArrayNode notes = o.putArray("notes");
            j.notes().forEach(notes::add);
        }
        ArrayNode notes = root.putArray("notes");
        result.notes().forEach(notes::add);
        return root;
    }

    public String write(LatestFailures result) {
        try {
            return mapper.writeValueAsString(toTree(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the latest-failures JSON", e);
        }
    }
}
