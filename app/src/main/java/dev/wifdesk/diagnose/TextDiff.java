package dev.wifdesk.diagnose;

/** Edit distance and "where do two strings first differ", for naming a typo precisely. */
final class TextDiff {
    private static final int MAX_LEN = 1024;

    private TextDiff() {
    }

    /** Levenshtein distance; strings over 1024 chars are compared by their first 1024. */
    static int distance(String a, String b) {
        String x = a.length() > MAX_LEN ? a.substring(0, MAX_LEN) : a;
        String y = b.length() > MAX_LEN ? b.substring(0, MAX_LEN) : b;
        int[] prev = new int[y.length() + 1];
        int[] cur = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length()];
    }

    /** 0-based index of the first differing character, or -1 when equal. */
    static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return a.length() == b.length() ? -1 : n;
    }

    /** "character 12: expected 'l', found 'I'" (1-based, characters shown visibly). */
    static String describe(String expected, String actual) {
        int i = firstDifference(expected, actual);
        if (i < 0) {
            return "identical";
        }
        return "character " + (i + 1) + ": expected " + show(expected, i) + ", found " + show(actual, i);
    }

    static String show(String s, int i) {
        if (i >= s.length()) {
            return "end of text";
        }
        char c = s.charAt(i);
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case '\n' -> "a line break";
            case '\r' -> "a carriage return";
            default -> Character.isISOControl(c) || Character.isSpaceChar(c)
                    ? String.format("U+%04X", (int) c) : "'" + c + "'";
        };
    }
}
