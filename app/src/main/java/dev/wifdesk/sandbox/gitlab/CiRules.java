package dev.wifdesk.sandbox.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A job's {@code rules:} as GitLab evaluates them when it creates a pipeline: the first rule whose
 * {@code if:} holds decides (its {@code when: never} drops the job), no rule matching drops the job,
 * no {@code rules:} keeps it. {@code if:} supports what CI files commonly write: {@code $VAR},
 * {@code ==}, {@code !=}, {@code =~ /re/}, {@code !~}, {@code null}, joined by {@code &&} / {@code ||}
 * (no parentheses). {@code changes:}/{@code exists:} hold (an API pipeline has no diff to compare).
 */
record CiRules(List<Rule> rules) {
    private static final Pattern COMPARISON = Pattern.compile(
            "^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?\\s*(==|!=|=~|!~)\\s*(\"[^\"]*\"|'[^']*'|/.*/[a-z]*|null|\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?)$");
    private static final Pattern PRESENCE = Pattern.compile("^(!)?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?$");

    /** One rule: its {@code if:} (null: always) and {@code when:} (null: on_success). */
    record Rule(String condition, String when) {
    }

    /** A rule the sandbox cannot read; the message names the job and the expression. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    CiRules {
        rules = List.copyOf(rules);
    }

    /** True when the job belongs in a pipeline with these variables. */
    boolean includes(String job, Map<String, String> variables) throws Unsupported {
        if (rules.isEmpty()) {
            return true;
        }
        for (Rule r : rules) {
            if (r.condition() == null || holds(job, r.condition(), variables)) {
                return !"never".equals(r.when());
            }
        }
        return false;
    }

    private static boolean holds(String job, String expression, Map<String, String> variables) throws Unsupported {
        for (String alternative : expression.split("\\|\\|")) {
            boolean all = true;
            for (String part : alternative.split("&&")) {
                all &= atom(job, part.strip(), variables);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean atom(String job, String text, Map<String, String> variables) throws Unsupported {
        Matcher presence = PRESENCE.matcher(text);
        if (presence.matches()) {
            String v = variables.get(presence.group(2));
            boolean set = v != null && !v.isEmpty();
            return presence.group(1) == null ? set : !set;
        }
        Matcher m = COMPARISON.matcher(text);
        if (!m.matches()) {
            throw new Unsupported("jobs:" + job + ":rules if: the sandbox cannot evaluate `" + text
                    + "` (it reads $VAR, ==, !=, =~, !~, null, && and ||, without parentheses)");
        }
        String left = variables.get(m.group(1));
        String op = m.group(2);
        String right = m.group(3);
        if (op.startsWith("=~") || op.startsWith("!~")) {
            boolean found = left != null && regex(job, right).matcher(left).find();
            return op.equals("=~") == found;
        }
        String value = right.equals("null") ? null
                : right.startsWith("$") ? variables.get(right.replaceAll("[${}]", ""))
                : right.substring(1, right.length() - 1);
        boolean equal = java.util.Objects.equals(left, value);
        return op.equals("==") == equal;
    }

    private static Pattern regex(String job, String literal) throws Unsupported {
        if (!literal.startsWith("/")) {
            throw new Unsupported("jobs:" + job + ":rules if: =~ needs a /regular expression/, not " + literal);
        }
        int end = literal.lastIndexOf('/');
        String flags = literal.substring(end + 1);
        try {
            return Pattern.compile(literal.substring(1, end), flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new Unsupported("jobs:" + job + ":rules if: invalid regular expression " + literal);
        }
    }

    /** {@code rules:} of a job: a list of maps with {@code if} / {@code when}. */
    static CiRules of(Object node) {
        List<Rule> out = new ArrayList<>();
        if (node instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    Object condition = m.get("if");
                    Object when = m.get("when");
                    out.add(new Rule(condition == null ? null : String.valueOf(condition),
                            when == null ? null : String.valueOf(when)));
                }
            }
        }
        return new CiRules(out);
    }
}
