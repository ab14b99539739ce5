package dev.wifdesk.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error catalogue (#1-#32) as WIF-FACTS.md writes it, read from a test resource copied verbatim
 * from it: an independent source of the exact texts, so a changed constant in {@link ErrorTexts}
 * (which the sandbox and the recogniser are both built from) fails a test. Placeholders (AUD, ISS,
 * EXPECTED, N, SA, ...) stay as WIF-FACTS.md writes them; {@link #fill} puts values in.
 */
public final class CatalogueFixture {
    public static final String RESOURCE = "/error-texts/wif-facts-catalogue.md";
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (.*?) \\| (.*) \\|$");
    private static final Map<Integer, Row> ROWS = read();
    private static final Map<Integer, List<String>> SPANS = readSpans();

    /** One catalogue row: its number, whether it is marked exact, and its first exact text. */
    public record Row(int number, String marker, String text) {
    }

    private CatalogueFixture() {
    }

    public static Map<Integer, Row> rows() {
        return ROWS;
    }

    /** The first exact text of row {@code number}, placeholders as written. */
    public static String text(int number) {
        Row row = ROWS.get(number);
        if (row == null) {
            throw new IllegalArgumentException("no catalogue row #" + number + " in " + RESOURCE);
        }
        return row.text();
    }

    /** Every code span of row {@code number}, text and meaning cells, in order (a row may give several texts, e.g. #27's twin). */
    public static List<String> codeSpans(int number) {
        List<String> spans = SPANS.get(number);
        if (spans == null) {
            throw new IllegalArgumentException("no catalogue row #" + number + " in " + RESOURCE);
        }
        return spans;
    }

    /** Row {@code number}'s text with each placeholder word (e.g. "AUD") replaced by the value after it. */
    public static String fill(int number, String... placeholderAndValue) {
        String t = text(number);
        for (int i = 0; i + 1 < placeholderAndValue.length; i += 2) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(placeholderAndValue[i]) + "\\b").matcher(t);
            if (!m.find()) {
                throw new IllegalArgumentException("#" + number + " has no placeholder " + placeholderAndValue[i]);
            }
            t = m.replaceAll(Matcher.quoteReplacement(placeholderAndValue[i + 1]));
        }
        return t;
    }

    private static Map<Integer, Row> read() {
        Map<Integer, Row> rows = new TreeMap<>();
        for (String line : resource().split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                String cell = m.group(2);
                String marker = cell.startsWith("*exact form*") ? "exact form" : cell.startsWith("*exact*") ? "exact" : "";
                rows.put(n, new Row(n, marker, firstCode(cell)));
            }
        }
        return Collections.unmodifiableMap(rows);
    }

    private static Map<Integer, List<String>> readSpans() {
        Map<Integer, List<String>> spans = new TreeMap<>();
        for (String line : resource().split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                List<String> out = new java.util.ArrayList<>();
                String cell = m.group(2) + " | " + m.group(3);
                int i = 0;
                while ((i = cell.indexOf('`', i)) >= 0) {
                    boolean doubled = cell.startsWith("`` ", i);
                    int start = doubled ? i + 3 : i + 1;
                    int end = doubled ? cell.indexOf(" ``", start) : cell.indexOf('`', start);
                    out.add(cell.substring(start, end));
                    i = end + (doubled ? 3 : 1);
                }
                spans.put(Integer.parseInt(m.group(1)), List.copyOf(out));
            }
        }
        return Collections.unmodifiableMap(spans);
    }

    /** The first markdown code span: {@code `text`}, or {@code `` text ``} when the text holds a backtick. */
    private static String firstCode(String cell) {
        int doubled = cell.indexOf("`` ");
        int single = cell.indexOf('`');
        if (doubled >= 0 && doubled == single) {
            return cell.substring(doubled + 3, cell.indexOf(" ``", doubled + 3));
        }
        return cell.substring(single + 1, cell.indexOf('`', single + 1));
    }

    private static String resource() {
        try (InputStream in = CatalogueFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All numbers 1..32, for checks that every row is accounted for. */
    public static List<Integer> numbers() {
        return List.copyOf(ROWS.keySet());
    }
}
