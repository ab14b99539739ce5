package dev.wifdesk.export;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** CLI.md's spec example (test resource spec/example.yaml) and copies of it with lines replaced, validated. */
public final class ExampleSpecs {
    public static final String PROJECT_NUMBER = "123456789012";

    private ExampleSpecs() {
    }

    public static String exampleYaml() {
        try (InputStream in = ExampleSpecs.class.getResourceAsStream("/spec/example.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with each {@code from} text replaced by the following {@code to} (each must occur). */
    public static String exampleWith(String... fromTo) {
        String yaml = exampleYaml();
        for (int i = 0; i + 1 < fromTo.length; i += 2) {
            if (!yaml.contains(fromTo[i])) {
                throw new IllegalArgumentException("the example has no '" + fromTo[i] + "'");
            }
            yaml = yaml.replace(fromTo[i], fromTo[i + 1]);
        }
        return yaml;
    }

    public static FederationSpec parse(String yaml) {
        try {
            return new SpecParser(new SpecValidator(new CelEngine())).parse("spec.yaml", yaml);
        } catch (InvalidSpecException e) {
            throw new AssertionError(e.report(), e);
        }
    }

    public static FederationSpec example() {
        return parse(exampleYaml());
    }
}
