package dev.wifdesk.diagnose;

import java.util.Map;

/** One catalogue entry found in a text, the values it carried and where it was (in the normalised text). */
public record ErrorMatch(KnownError error, Map<String, String> values, String excerpt, int position) {
    public ErrorMatch {
        values = Map.copyOf(values);
    }

    public String value(String name) {
        return values.get(name);
    }
}
