package dev.wifdesk.sandbox.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits one script line into words as bash would for the simple lines CI jobs use: double quotes
 * expand {@code $VAR} / {@code ${VAR}} (an unset variable is empty) and the prefix and suffix
 * removals {@code ${VAR#text}} / {@code ${VAR%text}} (text taken literally: no patterns), single
 * quotes are literal, a backslash escapes the next character, an unquoted {@code >} or {@code >>}
 * is a redirection. No globbing, no field splitting of expanded values, no command substitution.
 */
final class ShellWords {
    /** One word; {@code redirect} marks an unquoted {@code >} / {@code >>}. */
    record Word(String text, boolean redirect) {
    }

    private ShellWords() {
    }

    static List<Word> split(String line, Map<String, String> variables) {
        List<Word> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length() && (quote == 0 || "\"\\$`".indexOf(line.charAt(i + 1)) >= 0)) {
                current.append(line.charAt(++i));
                inWord = true;
            } else if (c == '$') {
                i = expand(line, i, variables, current, true);
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c) || c == '>') {
                if (inWord) {
                    words.add(new Word(current.toString(), false));
                    current.setLength(0);
                    inWord = false;
                }
                if (c == '>') {
                    boolean append = i + 1 < line.length() && line.charAt(i + 1) == '>';
                    words.add(new Word(append ? ">>" : ">", true));
                    i += append ? 1 : 0;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(new Word(current.toString(), false));
        }
        return words;
    }

    /** {@code $VAR}/{@code ${VAR}} anywhere in {@code text}, as GitLab expands {@code aud:} and {@code environment:}. */
    static String expand(String text, Map<String, String> variables) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '$') {
                i = expand(text, i, variables, out, false);
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    /**
     * Appends the value of the reference at {@code at} (a {@code $}); returns the index of its last
     * character. {@code shell}: the shell's removals apply (GitLab's own expansion has none).
     */
    private static int expand(String s, int at, Map<String, String> variables, StringBuilder out, boolean shell) {
        int i = at + 1;
        if (i < s.length() && s.charAt(i) == '{') {
            int end = s.indexOf('}', i);
            if (end < 0) {
                out.append('$');
                return at;
            }
            String inside = s.substring(i + 1, end);
            int op = shell ? firstRemoval(inside) : -1;
            if (op < 0) {
                out.append(variables.getOrDefault(inside, ""));
            } else {
                out.append(remove(variables.getOrDefault(inside.substring(0, op), ""), inside.charAt(op),
                        inside.substring(op + 1)));
            }
            return end;
        }
        int end = i;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
        }
        if (end == i) {
            out.append('$');
            return at;
        }
        out.append(variables.getOrDefault(s.substring(i, end), ""));
        return end - 1;
    }

    /** Where {@code NAME#text} / {@code NAME%text} has its operator, or -1 for a plain name. */
    private static int firstRemoval(String inside) {
        for (int i = 1; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '#' || c == '%') {
                return i;
            }
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return -1;
            }
        }
        return -1;
    }

    private static String remove(String value, char operator, String text) {
        if (operator == '#' && value.startsWith(text)) {
            return value.substring(text.length());
        }
        if (operator == '%' && value.endsWith(text)) {
            return value.substring(0, value.length() - text.length());
        }
        return value;
    }
}
