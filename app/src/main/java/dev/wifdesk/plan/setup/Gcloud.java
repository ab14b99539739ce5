package dev.wifdesk.plan.setup;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The gcloud equivalent of a step, as a line a user can paste into bash. */
final class Gcloud {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private Gcloud() {
    }

    /** {@code text} as one bash word: unquoted when safe, else in single quotes. */
    static String quote(String text) {
        if (!text.isEmpty() && PLAIN.matcher(text).matches()) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    static String flag(String name, String value) {
        return " --" + name + "=" + quote(value);
    }

    /** {@code k1=v1,k2=v2} as {@code --attribute-mapping} takes it. */
    static String mapping(Map<String, String> mapping) {
        return mapping.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static String list(List<String> values) {
        return String.join(",", values);
    }
}
