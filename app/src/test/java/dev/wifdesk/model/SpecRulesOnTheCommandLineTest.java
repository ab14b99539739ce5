package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cli.WifdeskCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken spec rule of {@link SpecValidatorTest#brokenRules()} makes {@code plan}, {@code apply}
 * and {@code export} exit 2 with the field and the rule on stderr, before anything is planned or
 * changed (the sandbox URL here answers nothing: plan and apply connect while the checks run, and a
 * spec error is never hidden by the connection's).
 */
class SpecRulesOnTheCommandLineTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @MethodSource("dev.wifdesk.model.SpecValidatorTest#brokenRules")
    void eachBrokenRuleExits2NamingFieldAndRule(String pointer, String value, String field, String rule, String detail)
            throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), SpecFixtures.exampleWith(pointer, value));
        for (String[] args : new String[][] {
                {"plan", "--spec", spec.toString(), "--sandbox", "http://127.0.0.1:9"},
                {"apply", "--spec", spec.toString(), "--sandbox", "http://127.0.0.1:9", "--yes"},
                {"export", "--spec", spec.toString(), "--to", "gcloud"}}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = WifdeskCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            assertThat(code).as("%s: %s", args[0], err).isEqualTo(2);
            assertThat(err.toString()).contains(field).contains("(rule: " + rule + ")").contains(detail)
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(err.toString().strip().lines()).as("one line").hasSize(1);
            assertThat(out.toString()).isEmpty();
        }
    }
}
