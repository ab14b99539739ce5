package dev.wifdesk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.diagnose.DiagnosisJson;
import dev.wifdesk.model.Finding;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.StepResult;
import dev.wifdesk.plan.setup.SetupPlan;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A setup plan, and after an apply each step's status, as CLI.md prints them: JSON
 * {@code {"changes": N, "steps": [{id, action, resource, diff, status, ...}], "findings": [...]}} or text.
 */
final class PlanReport {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final SetupPlan plan;
    private final Optional<PlanRun> run;

    PlanReport(SetupPlan plan, Optional<PlanRun> run) {
        this.plan = plan;
        this.run = run;
    }

    /** {@code planned} before an apply; {@code done|failed|skipped} after. */
    String status(Step step) {
        if (run.isEmpty()) {
            return "planned";
        }
        return results().containsKey(step.id()) ? results().get(step.id()).status() : "skipped";
    }

    private Map<String, StepResult> results() {
        Map<String, StepResult> m = new HashMap<>();
        run.ifPresent(r -> r.results().forEach(s -> m.put(s.step().id(), s)));
        return m;
    }

    String json() {
        return write(node());
    }

    /** The JSON of {@link #json()} as a tree, for reports that wrap a plan (rotate). */
    ObjectNode node() {
        ObjectNode root = JSON.createObjectNode();
        root.put("changes", plan.changes());
        root.put("project", plan.project().projectId()).put("projectNumber", plan.project().projectNumber());
        ArrayNode steps = root.putArray("steps");
        Map<String, StepResult> results = results();
        for (Step s : plan.plan().steps()) {
            ObjectNode o = steps.addObject();
            o.put("id", s.id()).put("action", s.action().word()).put("resource", s.resource());
            ObjectNode diff = o.putObject("diff");
            for (FieldDiff d : s.diff()) {
                diff.putObject(d.field()).put("before", d.before()).put("after", d.after());
            }
            o.put("status", status(s));
            StepResult r = results.get(s.id());
            if (r != null && r.failed()) {
                o.put("error", dev.wifdesk.cloud.ClientErrors.oneLine(r.error().get()));
            }
            o.put("description", s.description()).put("apiCall", s.apiCall()).put("gcloud", s.gcloud());
            s.dependsOn().forEach(o.withArray("dependsOn")::add);
        }
        ArrayNode findings = root.putArray("findings");
        plan.findings().forEach(f -> DiagnosisJson.addFinding(findings, f));
        run.ifPresent(r -> r.auditFailures().forEach(root.withArray("auditFailures")::add));
        return root;
    }

    static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plan as JSON", e);
        }
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append("Plan for project ").append(plan.project().projectId()).append(" (").append(plan.project().projectNumber())
                .append("): ").append(plan.changes()).append(plan.changes() == 1 ? " change" : " changes").append('\n');
        Map<String, StepResult> results = results();
        for (Step s : plan.plan().steps()) {
            b.append('\n').append(symbol(s)).append(' ').append(s.id()).append("  ").append(s.action().word())
                    .append("  ").append(s.resource());
            if (run.isPresent()) {
                b.append("  [").append(status(s)).append(']');
            }
            b.append('\n').append("    ").append(s.description()).append('\n');
            for (FieldDiff d : s.diff()) {
                b.append("    ").append(d.field()).append(": ").append(shown(d.before())).append(" -> ")
                        .append(shown(d.after())).append('\n');
            }
            if (!s.gcloud().isEmpty()) {
                s.gcloud().lines().forEach(l -> b.append("    $ ").append(l).append('\n'));
            }
            StepResult r = results.get(s.id());
            if (r != null && r.failed()) {
                b.append("    failed: ").append(dev.wifdesk.cloud.ClientErrors.oneLine(r.error().get())).append('\n');
            }
        }
        if (!plan.findings().isEmpty()) {
            b.append("\nFindings:\n");
            for (Finding f : plan.findings()) {
                b.append("  ").append(f.severity().wireName()).append(' ').append(f.code()).append(": ").append(f.message())
                        .append("\n    fix: ").append(f.fix()).append('\n');
            }
        }
        if (plan.changes() == 0) {
            b.append("\nNo changes: the project already matches the spec.\n");
        }
        return b.toString();
    }

    private static String symbol(Step s) {
        return switch (s.action()) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case UNDELETE -> "^";
            case DELETE -> "-";
            case NONE -> "=";
        };
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(none)" : value.contains("\n") ? "[" + value.replace("\n", "; ") + "]" : value;
    }
}
