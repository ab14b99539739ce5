package dev.wifdesk.model;

import java.util.LinkedHashSet;
import java.util.Set;

/** How the spec rules show a value in a message: quoted and short, and which characters broke a rule. */
final class SpecText {
    private SpecText() {
    }

    static String outside(String text, String allowed) {
        Set<String> bad = new LinkedHashSet<>();
        text.chars().filter(c -> allowed.indexOf(c) < 0).forEach(c -> bad.add("'" + (char) c + "'"));
        return String.join(", ", bad);
    }

    /** A value in a message: quoted, and cut short when long (a message is one readable line). */
    static String quote(String s) {
        return "\"" + (s.length() > 100 ? s.substring(0, 97) + "..." : s) + "\"";
    }
}
