package dev.wifdesk.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the WIF-FACTS.md error catalogue in text pasted from anywhere: a CI job log (ANSI
 * colours, GitLab section markers, timestamps), a JSON error body (escaped quotes, {@code \n},
 * {@code \u0027}), a Python repr ({@code \'}), Terraform's {@code │ } box, an HTML page, or a
 * terminal that broke the text across lines. The log is normalised once; the patterns then see
 * one line of single-spaced text.
 */
public final class ErrorCatalogue {
    /** Job logs can be long; failures are at the end, so the tail is kept. */
    static final int MAX_CHARS = 4_000_000;
    static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern SECTION = Pattern.compile("section_(?:start|end):\\d+:[\\w.-]+(?:\\[[^\\]]*\\])?");
    /** What a runner or logger puts before a line: a timestamp, GitLab's stream id (01E), a level. */
    static final Pattern LINE_PREFIX = Pattern.compile(
            "^[ \\t]*(?:\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?\\]?[ \\t]*"
                    + "(?:\\d{2}[EO]\\+?[ \\t]+)?)?"
                    + "(?:\\[?\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\]?[ \\t]+)?"
                    + "(?:\\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|SEVERE|FATAL)\\]?:?[ \\t]+)?",
            Pattern.MULTILINE);
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
    /** Terraform's box around a diagnostic: {@code ╷}, {@code │ } before every line, {@code ╵}. */
    private static final Pattern BOX = Pattern.compile("^[ \\t]*(?:[\u2577\u2575][ \\t]*$|\u2502[ \\t]?)", Pattern.MULTILINE);
    /** What GitLab writes for a masked CI/CD variable's value. */
    static final String MASKED = "[MASKED]";

    /** All catalogue entries found, in text order; identical entry + values reported once. */
    public List<ErrorMatch> recognise(String text) {
        return recognise(text, KnownError.all());
    }

    /** Only the given entries (tests that try one entry on thousands of texts). */
    List<ErrorMatch> recognise(String text, List<KnownError> entries) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String normalised = normalise(text);
        List<ErrorMatch> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (KnownError error : entries) {
            Matcher m = error.pattern().matcher(normalised);
            int found = 0;
            while (m.find() && found < 50) {
                found++;
                Map<String, String> values = values(error, m);
                if (seen.add(error.name() + values)) {
                    out.add(new ErrorMatch(error, values, m.group().trim(), m.start()));
                }
            }
        }
        out.sort(Comparator.comparingInt(ErrorMatch::position));
        return out;
    }

    /** The catalogue entry whose words overlap most with the text, and the overlap (0..1). */
    public Closest closest(String text) {
        Set<String> words = words(text == null ? "" : normalise(text.length() > 20_000 ? text.substring(0, 20_000) : text));
        KnownError best = KnownError.values()[0];
        double bestScore = -1;
        for (KnownError error : KnownError.values()) {
            Set<String> known = words(error.text());
            Set<String> both = new HashSet<>(known);
            both.retainAll(words);
            double score = known.isEmpty() ? 0 : (double) both.size() / known.size();
            if (score > bestScore) {
                bestScore = score;
                best = error;
            }
        }
        return new Closest(best, Math.max(0, bestScore));
    }

    public record Closest(KnownError error, double similarity) {
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (m.group().length() > 2) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** The values a catalogue text may carry, by capture-group name. */
    private static final List<String> VALUE_NAMES = List.of("aud", "iss", "expected", "iat", "sa", "project", "host",
            "permission", "resource", "bucket", "package", "file");

    private static Map<String, String> values(KnownError error, Matcher m) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : VALUE_NAMES) {
            String v = group(m, name);
            if (v != null) {
                values.put(name, clean(name, v));
            }
        }
        return values;
    }

    /**
     * Values have no spaces of their own (a space in one is a line the terminal broke), except aud,
     * where a stray space is the typo to find; a bucket is named without gs:// and object path.
     */
    private static String clean(String name, String v) {
        if (name.equals("aud")) {
            return v;
        }
        String t = v.replace(" ", "");
        if (t.equals(MASKED)) {
            return t;
        }
        t = trimPunctuation(t);
        return switch (name) {
            case "bucket" -> t.replaceFirst("^gs://", "").replaceFirst("/.*$", "");
            case "host" -> t.toLowerCase(Locale.ROOT);
            default -> t;
        };
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    private static String trimPunctuation(String v) {
        String t = v.trim();
        while (!t.isEmpty() && ".,;:\"')]}".indexOf(t.charAt(t.length() - 1)) >= 0 && !t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** A GitLab job log without its colours and collapsible-section markers, its lines kept. */
    public static String withoutLogMarkup(String text) {
        return SECTION.matcher(ANSI.matcher(text).replaceAll("")).replaceAll(" ");
    }

    /** Undo the wrapping a log line or JSON body adds, join lines and collapse whitespace. */
    static String normalise(String text) {
        String t = withoutLogMarkup(text.length() > MAX_CHARS ? text.substring(text.length() - MAX_CHARS) : text);
        for (int round = 0; round < 3 && t.indexOf('\\') >= 0; round++) {
            String u = unescapeJson(t);
            if (u.equals(t)) {
                break;
            }
            t = u;
        }
        t = t.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&#34;", "\"")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        t = LINE_PREFIX.matcher(t).replaceAll("");
        t = BOX.matcher(t).replaceAll("");
        StringBuilder sb = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** One round of JSON string unescaping; escapes that are not JSON stay as they are. */
    private static String unescapeJson(String t) {
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '\\' || i + 1 >= t.length()) {
                sb.append(c);
                continue;
            }
            char n = t.charAt(i + 1);
            switch (n) {
                case '"', '\\', '/', '\'' -> {
                    sb.append(n);
                    i++;
                }
                case 'n', 'r', 't' -> {
                    sb.append('\n');
                    i++;
                }
                case 'u' -> {
                    if (i + 5 < t.length() + 0 && isHex(t, i + 2, i + 6)) {
                        sb.append((char) Integer.parseInt(t.substring(i + 2, i + 6), 16));
                        i += 5;
                    } else {
                        sb.append(c);
                    }
                }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(String t, int from, int to) {
        if (to > t.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
