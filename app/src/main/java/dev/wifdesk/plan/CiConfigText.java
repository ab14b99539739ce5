package dev.wifdesk.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Edits a {@code .gitlab-ci.yml} as text: adds or replaces top-level job blocks and adds their
 * stages to {@code stages:}, leaving every other line (jobs, keys, comments, anchors) as it was.
 * A top-level block runs from its key line to the next key at column 0; comment and blank lines just
 * above the next key belong to that key.
 */
final class CiConfigText {
    private static final Pattern TOP_KEY = Pattern.compile("^(?:\"([^\"]+)\"|'([^']+)'|([^\\s#'\"\\-][^:#]*?))\\s*:(?:\\s.*)?$");
    private static final List<String> DEFAULT_STAGES = List.of("build", "test", "deploy");

    private final List<String> lines;

    private CiConfigText(String text) {
        this.lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
    }

    /** {@code existing} with each job of {@code jobs} (name -> block text) added or replaced. */
    static String merge(String existing, Map<String, String> jobs) {
        CiConfigText file = new CiConfigText(existing);
        Set<String> stages = new LinkedHashSet<>();
        jobs.forEach((name, block) -> {
            file.putJob(name, block);
            Object stage = map(parse(block).get(name)).get("stage");
            stages.add(stage == null ? "test" : String.valueOf(stage));
        });
        file.ensureStages(stages);
        return file.text();
    }

    private String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private void putJob(String name, String block) {
        List<String> blockLines = new ArrayList<>(List.of(block.stripTrailing().split("\n", -1)));
        int start = find(name);
        if (start < 0) {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(blockLines);
            return;
        }
        int end = blockEnd(start);
        for (int i = end - 1; i >= start; i--) {
            lines.remove(i);
        }
        lines.addAll(start, blockLines);
    }

    /** Adds the missing {@code stages}: to a {@code stages:} list, or a list (GitLab's defaults + them) when there is none. */
    private void ensureStages(Set<String> needed) {
        int at = find("stages");
        Map<String, Object> doc = parse(text());
        List<String> have = doc.get("stages") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null;
        List<String> missing = new ArrayList<>();
        for (String s : needed) {
            boolean builtIn = s.equals(".pre") || s.equals(".post");
            if (!builtIn && (have == null ? !DEFAULT_STAGES.contains(s) : !have.contains(s))) {
                missing.add(s);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (at < 0) {
            if (doc.containsKey("include")) {
                return; // the included files may declare the stages: not second-guessed here
            }
            List<String> block = new ArrayList<>(List.of("stages:"));
            DEFAULT_STAGES.forEach(s -> block.add("  - " + s));
            missing.forEach(s -> block.add("  - " + s));
            block.add("");
            lines.addAll(firstKey(), block);
            return;
        }
        String keyLine = lines.get(at);
        int open = keyLine.indexOf('[');
        int close = keyLine.lastIndexOf(']');
        if (open >= 0 && close > open) {
            String inside = keyLine.substring(open + 1, close).strip();
            String added = String.join(", ", missing);
            lines.set(at, keyLine.substring(0, close).stripTrailing() + (inside.isEmpty() ? "" : ", ") + added
                    + keyLine.substring(close));
            return;
        }
        int last = at;
        String prefix = "  - ";
        for (int i = at + 1; i < blockEnd(at); i++) {
            Matcher m = Pattern.compile("^(\\s*-\\s+)\\S.*$").matcher(lines.get(i));
            if (m.matches()) {
                last = i;
                prefix = m.group(1);
            }
        }
        for (int k = 0; k < missing.size(); k++) {
            lines.add(last + 1 + k, prefix + missing.get(k));
        }
    }

    /** The line of top-level key {@code name}, or -1. */
    private int find(String name) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TOP_KEY.matcher(lines.get(i));
            if (m.matches() && name.equals(key(m))) {
                return i;
            }
        }
        return -1;
    }

    /** The first top-level key line (after a leading comment header), where a new {@code stages:} goes. */
    private int firstKey() {
        for (int i = 0; i < lines.size(); i++) {
            if (TOP_KEY.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return lines.size();
    }

    /** One past the last line of the block starting at {@code start}. */
    private int blockEnd(int start) {
        int next = start + 1;
        while (next < lines.size() && !TOP_KEY.matcher(lines.get(next)).matches() && !lines.get(next).startsWith("---")) {
            next++;
        }
        // blank lines and column-0 comments right above the next key belong to it
        int end = next;
        while (end > start + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
            end--;
        }
        return end;
    }

    private static String key(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3).strip();
    }

    /** The file as YAML (an empty map for an empty file); a file that is not YAML is refused, naming the problem. */
    static Map<String, Object> parse(String text) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(".gitlab-ci.yml is not valid YAML, so it is not edited: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (doc != null && !(doc instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(".gitlab-ci.yml is not a map of jobs and keywords, so it is not edited");
        }
        return map(doc);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }
}
