package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A dict-valued gcloud flag such as {@code --parameters}, read the way gcloud's {@code ArgDict}
 * reads it: {@code KEY=VALUE} items split on commas, or on the delimiter a leading {@code ^D^}
 * names ({@code gcloud topic escaping}); or given as a mapping in a {@code --flags-file}
 * ({@code gcloud topic flags-file}: a YAML or JSON file of {@code --flag: value}). An item without
 * {@code =} is refused with gcloud's own text, so a JSON object passed on the command line fails as
 * it does with the real gcloud; one trailing delimiter is dropped, as gcloud's {@code _TokenizeQuotedList} does.
 */
final class GcloudDictArg {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The flag's text could not be read; {@link #getMessage()} is gcloud's argparse text. */
    static final class BadSyntax extends Exception {
        BadSyntax(String message) {
            super(message);
        }
    }

    private GcloudDictArg() {
    }

    /** The command-line form: {@code a=1,b=2} or {@code ^:^a=1,2:b=3}. */
    static Map<String, String> parse(String flag, String text) throws BadSyntax {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String delimiter = ",";
        String items = text;
        if (text.length() > 2 && text.charAt(0) == '^') {
            int end = text.indexOf('^', 1);
            if (end > 1) {
                delimiter = text.substring(1, end);
                items = text.substring(end + 1);
            }
        }
        if (items.endsWith(delimiter)) {
            items = items.substring(0, items.length() - delimiter.length()); // gcloud drops one trailing delimiter
        }
        for (String item : items.split(java.util.regex.Pattern.quote(delimiter), -1)) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new BadSyntax("argument " + flag + ": Bad syntax for dict arg: [" + item + "]. Please see "
                        + "`gcloud topic flags-file` or `gcloud topic escaping` for information on providing list or "
                        + "dictionary flag values with special characters.");
            }
            out.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return out;
    }

    /**
     * The mapping a flags file gives {@code flag} (written with its dashes), empty when the file does
     * not set it; a string value is read as on the command line ({@code KEY=VALUE,...}); a file that
     * is not a YAML/JSON mapping, or a flag value that is neither a string nor a mapping of scalars,
     * is refused.
     */
    static Optional<Map<String, String>> fromFlagsFile(String fileText, String flag) throws BadSyntax {
        JsonNode root;
        try {
            root = YAML.readTree(fileText);
        } catch (IOException e) {
            throw new BadSyntax("the flags file is not YAML or JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadSyntax("the flags file must be a mapping of --flag: value");
        }
        JsonNode value = root.get(flag);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(parse(flag, value.asText())); // a string is read as on the command line
        }
        if (!value.isObject()) {
            throw new BadSyntax("argument " + flag + ": the flags file must give it as a mapping of KEY: VALUE");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isValueNode()) {
                throw new BadSyntax("argument " + flag + ": the value of " + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return Optional.of(out);
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
