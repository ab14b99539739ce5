package dev.wifdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.diagnose.StageResult;
import dev.wifdesk.model.Severity;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.demo.DemoSetup;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.View;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message bundle and the code agree: every {@code %key} of every FXML, every literal key
 * handed to {@code messages.get} / {@code getString}, and every key made from an enum exists; no
 * key is defined but never used; no key is defined twice (read as lines: Properties would keep
 * the last silently).
 */
class MessagesBundleTest {
    static final Path BUNDLE = Path.of("app/src/main/resources/i18n/messages.properties");
    static final Path FXML = Path.of("fxml");
    static final Path SOURCES = Path.of("app/src/main/java");

    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9_.\\-]+)\"");
    private static final Pattern GET_KEY = Pattern.compile("(?:messages|bundle\\(\\))\\s*\\.\\s*(?:get|getString)\\(\\s*\"([^\"]+)\"");
    private static final Pattern QUOTED = Pattern.compile("\"([a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)+)\"");

    private static Map<String, List<Integer>> definitions;
    private static String sources;
    private static String fxml;

    @BeforeAll
    static void read() throws IOException {
        definitions = definitions(Files.readAllLines(BUNDLE, StandardCharsets.UTF_8));
        sources = readAll(SOURCES, ".java");
        fxml = readAll(FXML, ".fxml");
    }

    /** Key -> the line numbers defining it (continuation lines and comments skipped). */
    static Map<String, List<Integer>> definitions(List<String> lines) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        boolean continued = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            boolean wasContinued = continued;
            continued = endsWithOddBackslashes(line);
            if (wasContinued || trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            Matcher m = Pattern.compile("^\\s*((?:\\\\.|[^=:\\s\\\\])+)").matcher(line);
            if (m.find()) {
                out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(i + 1);
            }
        }
        return out;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String readAll(Path dir, String suffix) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
                b.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return b.toString();
    }

    private static Set<String> matches(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            // "prefix." + something: an enum-derived key, checked through enumDerivedKeys()
            if (!m.group(1).endsWith(".")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The Setup wizard's enum-derived keys. */
    private static void setupWizardKeys(Set<String> out) {
        for (var s : dev.wifdesk.ui.setup.SetupStep.values()) {
            out.add(s.titleKey());
        }
        for (var o : dev.wifdesk.plan.Outcome.values()) {
            out.add("setup.apply.outcome." + o.name());
        }
        for (var s : dev.wifdesk.ui.common.StepLines.Status.values()) {
            out.add("setup.apply.status." + s.name());
        }
        for (var j : dev.wifdesk.ui.setup.SetupWizardState.VerificationJob.values()) {
            out.add("setup.gitlab.jobMode." + j.name());
        }
        for (var i : dev.wifdesk.ui.setup.IdState.values()) {
            out.add("setup.provider.poolState." + i.name());
            out.add("setup.provider.providerState." + i.name());
        }
        for (var r : dev.wifdesk.ui.setup.ConditionBuilder.RefKind.values()) {
            out.add("setup.provider.refs." + r.name());
        }
    }

    /** Keys the code builds from enums: prefix + constant, as the screens do. */
    static Set<String> enumDerivedKeys() {
        Set<String> out = new TreeSet<>();
        for (View v : View.values()) {
            if (v.isSection()) {
                out.add(v.navKey());
            }
        }
        for (Connection.TargetKind k : Connection.TargetKind.values()) {
            out.add("connection.switching." + k.name());
            out.add("connection.target." + k.name());
            out.add("connection.switch." + k.name());
        }
        for (DemoSetup.Kind k : DemoSetup.Kind.values()) {
            out.add("demo.step." + k.name());
        }
        for (Action a : Action.values()) {
            out.add("plan.action." + a.name());
        }
        for (StageResult.Status s : StageResult.Status.values()) {
            out.add("diag.stage." + s.name().toLowerCase(Locale.ROOT));
        }
        for (Severity s : Severity.values()) {
            out.add("diag.severity." + s.wireName());
        }
        setupWizardKeys(out);
        // the Rotation screen's phase names
        for (dev.wifdesk.rotate.RotationPlan.Phase p : dev.wifdesk.rotate.RotationPlan.Phase.values()) {
            out.add("rotation.phase." + p.word());
        }
        return out;
    }

    @Test
    void everyKeyTheCodeAndTheFxmlAskForExists() {
        Set<String> wanted = new TreeSet<>();
        wanted.addAll(matches(FXML_KEY, fxml));
        wanted.addAll(matches(GET_KEY, sources));
        wanted.addAll(enumDerivedKeys());
        assertThat(wanted).as("keys found in the FXML, messages.get(\"...\") and the enums").hasSizeGreaterThan(100);
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(definitions.keySet());
        assertThat(missing).as("keys used but missing from " + BUNDLE).isEmpty();
    }

    @Test
    void noKeyIsDefinedButNeverUsed() {
        Set<String> used = new TreeSet<>();
        used.addAll(matches(FXML_KEY, fxml));
        // literal keys passed around before reaching messages.get (ternaries, helpers taking a key)
        used.addAll(matches(QUOTED, sources));
        used.addAll(enumDerivedKeys());
        Set<String> obsolete = new TreeSet<>(definitions.keySet());
        obsolete.removeAll(used);
        assertThat(obsolete).as("keys in " + BUNDLE + " that no FXML, source or enum uses").isEmpty();
    }

    @Test
    void noKeyIsDefinedTwice() {
        Map<String, List<Integer>> twice = new LinkedHashMap<>();
        definitions.forEach((k, lines) -> {
            if (lines.size() > 1) {
                twice.put(k, lines);
            }
        });
        assertThat(twice).as("keys defined more than once (key -> lines)").isEmpty();
    }

    @Test
    void theCheckersCatchWhatTheyLookFor() {
        // a test of the test: a duplicate, a continuation line and a comment, read as the file is read
        Map<String, List<Integer>> d = definitions(List.of("# a.comment=1", "a.key=one \\", "  not.a.key=continued",
                "b.key = two", "a.key=again", "", "c\\:d=escaped"));
        assertThat(d).containsOnlyKeys("a.key", "b.key", "c\\:d");
        assertThat(d.get("a.key")).containsExactly(2, 5);
        assertThat(matches(GET_KEY, "x(messages.get(\"demo.running\"), bundle().getString(\"nav.keys\"))"))
                .containsExactly("demo.running", "nav.keys");
        assertThat(matches(FXML_KEY, "<Label text=\"%diag.title\"/>")).containsExactly("diag.title");
    }
}
