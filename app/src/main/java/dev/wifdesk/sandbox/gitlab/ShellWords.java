package dev.wifdesk.sandbox.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits one script line into words as bash would for the simple lines CI jobs use: double quotes
 * expand {@code $VAR} / {@code ${VAR}} (an unset variable is empty), single quotes are literal, a
 * backslash escapes the next character, an unquoted {@code >} or {@code >>} is a redirection.
 * No globbing, no field splitting of expanded values, no command substitution.
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
                i = expand(line, i, variables, current);
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
                i = expand(text, i, variables, out);
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    /** Appends the value of the reference at {@code at} (a {@code $}); returns the index of its last character. */
    private static int expand(String s, int at, Map<String, String> variables, StringBuilder out) {
        int i = at + 1;
        if (i < s.length() && s.charAt(i) == '{') {
            int end = s.indexOf('}', i);
            if (end < 0) {
                out.append('$');
                return at;
            }
            out.append(variables.getOrDefault(s.substring(i + 1, end), ""));
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
}
