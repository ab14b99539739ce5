package dev.wifdesk.sandbox.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A {@code .gitlab-ci.yml} read the way GitLab reads it when it creates a pipeline: the global
 * keywords apart, hidden {@code .jobs} skipped (but usable by {@code extends:}), one job per other
 * key, stages in order, a job's stage {@code test} by default. A file GitLab would refuse is an
 * {@link Invalid} with GitLab's error text (sources in docs/sandbox-fidelity.md).
 */
record CiConfig(List<String> stages, Map<String, String> variables, List<CiJobDefinition> jobs) {
    static final String NO_JOBS = "Pipeline will not run for the selected trigger. The rules configuration prevented "
            + "any jobs from being added to the pipeline.";
    /** Keys of the file that are not jobs (GitLab's global keywords). */
    private static final Set<String> GLOBAL_KEYS = Set.of("image", "services", "stages", "types", "before_script",
            "after_script", "variables", "cache", "include", "default", "workflow", "spec");
    private static final List<String> DEFAULT_STAGES = List.of("build", "test", "deploy");

    /** The file cannot make a pipeline; {@code getMessage()} is GitLab's text. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    CiConfig {
        stages = List.copyOf(stages);
        variables = Map.copyOf(variables);
        jobs = List.copyOf(jobs);
    }

    static CiConfig parse(String text) throws Invalid {
        Map<String, Object> root = load(text);
        List<String> declared = root.containsKey("stages") ? strings(root.get("stages"))
                : root.containsKey("types") ? strings(root.get("types")) : DEFAULT_STAGES;
        List<String> stages = new ArrayList<>();
        stages.add(".pre");
        declared.stream().filter(s -> !s.equals(".pre") && !s.equals(".post")).forEach(stages::add);
        stages.add(".post");
        Map<String, Object> defaults = map(root.get("default"));
        List<Object> defaultBeforeScript = root.containsKey("before_script") ? list(root.get("before_script"))
                : list(defaults.get("before_script"));
        List<CiJobDefinition> jobs = new ArrayList<>();
        for (Map.Entry<String, Object> e : root.entrySet()) {
            String name = e.getKey();
            if (GLOBAL_KEYS.contains(name) || name.startsWith(".")) {
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?>)) {
                throw new Invalid("jobs:" + name + " config should be a hash");
            }
            Map<String, Object> job = resolveExtends(root, name, map(e.getValue()), 0);
            if (!job.containsKey("script") && !job.containsKey("run") && !job.containsKey("trigger")) {
                throw new Invalid("jobs:" + name + " config should implement the script:, run:, or trigger: keyword");
            }
            String stage = job.get("stage") == null ? "test" : String.valueOf(job.get("stage"));
            if (!stages.contains(stage)) {
                throw new Invalid(name + " job: chosen stage " + stage + " does not exist; available stages are " + String.join(", ", stages));
            }
            List<String> script = new ArrayList<>();
            flatten(job.containsKey("before_script") ? list(job.get("before_script")) : defaultBeforeScript, script);
            flatten(list(job.get("script")), script);
            jobs.add(new CiJobDefinition(name, stage, scalars(job.get("variables")), idTokens(job.get("id_tokens")),
                    environment(job.get("environment")), script, CiRules.of(job.get("rules"))));
        }
        if (jobs.isEmpty()) {
            throw new Invalid("jobs config should contain at least one visible job");
        }
        // GitLab orders the pipeline by stage; within a stage, by file order
        jobs.sort((a, b) -> Integer.compare(stages.indexOf(a.stage()), stages.indexOf(b.stage())));
        return new CiConfig(stages, scalars(root.get("variables")), jobs);
    }

    /** The jobs whose {@code rules:} admit them in a pipeline with {@code variables}; none left is GitLab's refusal. */
    CiConfig forPipeline(Map<String, String> variables) throws Invalid {
        List<CiJobDefinition> kept = new ArrayList<>();
        for (CiJobDefinition job : jobs) {
            Map<String, String> scope = new LinkedHashMap<>(this.variables);
            scope.putAll(job.variables());
            scope.putAll(variables);
            try {
                if (job.rules().includes(job.name(), scope)) {
                    kept.add(job);
                }
            } catch (CiRules.Unsupported e) {
                throw new Invalid(e.getMessage());
            }
        }
        if (kept.isEmpty()) {
            throw new Invalid(NO_JOBS);
        }
        return new CiConfig(stages, this.variables, kept);
    }

    private static Map<String, Object> load(String text) throws Invalid {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            // Psych's message form: "(<unknown>): PROBLEM CONTEXT at line L column C"
            String context = e.getContext() == null ? "" : " " + e.getContext();
            throw new Invalid("(<unknown>): " + e.getProblem() + context + " at line "
                    + (e.getProblemMark().getLine() + 1) + " column " + (e.getProblemMark().getColumn() + 1));
        } catch (YAMLException e) {
            throw new Invalid("Invalid configuration format");
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new Invalid("Invalid configuration format");
        }
        return map(doc);
    }

    /** {@code extends:} deep-merges the named (usually hidden) jobs under the job's own keys, as GitLab does. */
    private static Map<String, Object> resolveExtends(Map<String, Object> root, String name, Map<String, Object> job,
                                                      int depth) throws Invalid {
        if (!job.containsKey("extends")) {
            return job;
        }
        if (depth > 10) {
            throw new Invalid(name + ": nesting too deep");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String base : strings(job.get("extends"))) {
            if (!(root.get(base) instanceof Map<?, ?>)) {
                throw new Invalid(name + ": unknown keys in `extends` (" + base + ")");
            }
            deepMerge(merged, resolveExtends(root, base, map(root.get(base)), depth + 1));
        }
        deepMerge(merged, job);
        merged.remove("extends");
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                deepMerge(copy, (Map<String, Object>) m);
                into.put(k, copy);
            } else {
                into.put(k, v);
            }
        });
    }

    /** {@code VAR: {aud: X}} or {@code {aud: [X, Y]}} (GitLab allows a string or a list of strings). */
    private static Map<String, List<String>> idTokens(Object node) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        map(node).forEach((variable, entry) -> {
            Object aud = map(entry).get("aud");
            out.put(variable, aud == null ? List.of() : strings(aud));
        });
        return out;
    }

    private static CiJobDefinition.EnvironmentEntry environment(Object node) {
        if (node == null) {
            return null;
        }
        if (node instanceof Map<?, ?>) {
            Map<String, Object> m = map(node);
            Object name = m.get("name");
            return name == null ? null : new CiJobDefinition.EnvironmentEntry(String.valueOf(name),
                    m.get("deployment_tier") == null ? null : String.valueOf(m.get("deployment_tier")),
                    m.get("action") == null ? null : String.valueOf(m.get("action")));
        }
        return new CiJobDefinition.EnvironmentEntry(String.valueOf(node), null, null);
    }

    /** GitLab accepts nested arrays in scripts (one level, from anchors); each string is one line. */
    private static void flatten(List<Object> items, List<String> out) {
        for (Object item : items) {
            if (item instanceof List<?> nested) {
                flatten(new ArrayList<>(nested), out);
            } else if (item != null) {
                out.add(String.valueOf(item));
            }
        }
    }

    /** {@code variables:}: {@code KEY: value} or {@code KEY: {value: ..., description: ...}}. */
    private static Map<String, String> scalars(Object node) {
        Map<String, String> out = new LinkedHashMap<>();
        map(node).forEach((k, v) -> {
            Object value = v instanceof Map<?, ?> m ? m.get("value") : v;
            out.put(k, value == null ? "" : String.valueOf(value));
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        if (!(node instanceof Map<?, ?> m)) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof List<?> l ? new ArrayList<>(l) : List.of(node);
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(String::valueOf).toList();
    }
}
