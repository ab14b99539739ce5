package dev.wifdesk.ui.setup;

import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cel.MappingResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recommended GitLab provider settings (CLI.md's example mapping), and the check of the
 * longest {@code sub} a project can produce against STS's 127-byte {@code google.subject} limit,
 * evaluated with the same CEL the STS emulator uses.
 */
public final class GitLabPreset {
    private final FederationEvaluator evaluator;

    public GitLabPreset(FederationEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** google.subject from sub, and the attributes grants and conditions read. */
    public static Map<String, String> recommendedMapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.subject", "assertion.sub");
        for (String claim : List.of("project_id", "project_path", "namespace_path", "ref", "ref_type", "ref_protected")) {
            m.put("attribute." + claim, "assertion." + claim);
        }
        return m;
    }

    /** The mapping as the editor shows it: one {@code key = expression} per line. */
    public static String format(Map<String, String> mapping) {
        StringBuilder b = new StringBuilder();
        mapping.forEach((k, v) -> b.append(b.length() == 0 ? "" : "\n").append(k).append(" = ").append(v));
        return b.toString();
    }

    /** The editor's lines parsed; a line without {@code " = "} is reported by its number (1-based). */
    public static Map<String, String> parse(String text, List<Integer> badLines) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines = text == null ? List.of() : text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf(" = ");
            if (eq <= 0) {
                badLines.add(i + 1);
            } else {
                m.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
            }
        }
        return m;
    }

    /** GitLab's default sub for a branch (longer than for a tag). */
    public static String longestSub(String projectPath, String longestRef) {
        return "project_path:" + projectPath + ":ref_type:branch:ref:" + longestRef;
    }

    /** What the mapping makes of that sub: its size, and whether STS refuses it. */
    public record SubjectCheck(String subject, int bytes, boolean tooLong) {
    }

    /** Empty when the mapping does not produce a string subject from these claims (other rules report it). */
    public Optional<SubjectCheck> checkSubject(Map<String, String> mapping, String projectPath, String longestRef) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", longestSub(projectPath, longestRef));
        claims.put("project_path", projectPath);
        claims.put("namespace_path", ConditionBuilder.namespaceOf(projectPath));
        claims.put("ref", longestRef);
        claims.put("ref_type", "branch");
        claims.put("ref_protected", "true");
        Map<String, String> subjectOnly = new LinkedHashMap<>();
        if (mapping.containsKey("google.subject")) {
            subjectOnly.put("google.subject", mapping.get("google.subject"));
        }
        MappingResult r = evaluator.map(subjectOnly, claims);
        boolean tooLong = r.problems().stream().anyMatch(p -> p.kind() == MappingResult.Kind.SUBJECT_TOO_LONG);
        return r.subject().map(s -> new SubjectCheck(s, s.getBytes(StandardCharsets.UTF_8).length, tooLong))
                .or(() -> tooLong ? Optional.of(new SubjectCheck("", FederationEvaluator.SUBJECT_MAX_BYTES + 1, true))
                        : Optional.empty());
    }
}
