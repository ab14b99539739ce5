package dev.wifdesk.export;

import java.util.regex.Pattern;

/** Bash quoting: a value becomes one word, whatever quotes, {@code $}, {@code &&} or spaces it holds. */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWords() {
    }

    /** {@code value} as one word: bare when it is plain, else in single quotes ({@code '} written as {@code '"'"'}). */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /**
     * One word in which each {@code marker} becomes the expansion of {@code variable} (double-quoted,
     * so it stays one word) and everything else is quoted literally.
     */
    static String quote(String value, String marker, String variable) {
        if (!value.contains(marker)) {
            return quote(value);
        }
        StringBuilder sb = new StringBuilder();
        String[] parts = value.split(Pattern.quote(marker), -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append("\"${").append(variable).append("}\"");
            }
            if (!parts[i].isEmpty()) {
                sb.append(quote(parts[i]));
            }
        }
        return sb.toString();
    }
}
