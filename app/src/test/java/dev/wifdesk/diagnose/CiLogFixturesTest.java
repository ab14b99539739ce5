package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-looking CI logs (error-texts/ci-logs/*.trace), one per way a catalogue text reaches a job log.
 * Each file starts with comment lines: {@code # source:} (the thread it follows), {@code # wrapping:},
 * optional {@code # input: key=value ...} (project state given with the log) and one
 * {@code # expect: CODE key=value ...} per error finding, in order ({@code # expect: none}: none).
 * Every log must give exactly those error findings, in that order, with those evidence values.
 */
class CiLogFixturesTest {
    private static final String DIR = "/error-texts/ci-logs";
    private final DiagnosisEngine engine = new DiagnosisEngine();

    record Fixture(String name, String log, Map<String, String> input, List<Expected> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Expected(FindingCode code, Map<String, String> evidence) {
    }

    static Stream<Fixture> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(CiLogFixturesTest.class.getResource(DIR).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
            assertThat(logs).hasSizeGreaterThanOrEqualTo(25);
            return logs.stream().map(CiLogFixturesTest::read).toList().stream();
        }
    }

    private static Fixture read(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> input = new LinkedHashMap<>();
        List<Expected> expected = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        boolean header = true;
        boolean cited = false;
        for (String line : text.split("\n", -1)) {
            if (header && line.startsWith("# ")) {
                String h = line.substring(2);
                cited |= h.startsWith("source: https://github.com/");
                if (h.startsWith("input: ")) {
                    input.putAll(pairs(h.substring("input: ".length())));
                } else if (h.startsWith("expect: ") && !h.equals("expect: none")) {
                    String[] parts = h.substring("expect: ".length()).split(" ", 2);
                    expected.add(new Expected(FindingCode.valueOf(parts[0]), parts.length > 1 ? pairs(parts[1]) : Map.of()));
                }
                continue;
            }
            header = false;
            log.append(line).append('\n');
        }
        assertThat(cited).as(file.getFileName() + " cites its source thread").isTrue();
        return new Fixture(file.getFileName().toString(), log.toString(), input, expected);
    }

    private static Map<String, String> pairs(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : s.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private static DiagnosisInput input(Fixture f) {
        DiagnosisInput.Builder b = DiagnosisInput.builder().errorText(f.log());
        f.input().forEach((k, v) -> {
            switch (k) {
                case "enabledServices" -> b.enabledServices(Arrays.asList(v.split(",")));
                case "serviceAccount" -> b.serviceAccount(v);
                case "workerServiceAccount" -> b.workerServiceAccount(v);
                case "projectNumber" -> b.projectNumber(v);
                case "projectId" -> b.projectId(v);
                default -> throw new IllegalArgumentException("unknown input " + k + " in " + f.name());
            }
        });
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyLogGivesExactlyItsErrorFindingsInOrderWithTheirValues(Fixture f) {
        Diagnosis d = engine.diagnose(input(f));
        List<Finding> errors = d.findings().stream().filter(x -> x.severity() == Severity.ERROR).toList();
        assertThat(errors).extracting(Finding::code).as("error findings of " + f.name() + ": " + d.findings())
                .containsExactlyElementsOf(f.expected().stream().map(Expected::code).toList());
        for (int i = 0; i < errors.size(); i++) {
            Finding got = errors.get(i);
            assertThat(got.evidence()).as("evidence of " + got.code()).containsAllEntriesOf(f.expected().get(i).evidence());
            assertThat(got.fix()).as("fix of " + got.code()).isNotBlank();
        }
        assertThat(d.verdict()).isEqualTo(f.expected().isEmpty() ? "pass" : "fail");
        CrashingEngines.assertNoInternalError(d);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theValuesOfTheFindingAreInItsFix(Fixture f) {
        Diagnosis d = engine.diagnose(input(f));
        for (Finding got : d.findings()) {
            if (got.severity() != Severity.ERROR || got.code() == FindingCode.FAILURE_UNEXPLAINED) {
                continue;
            }
            for (String key : List.of("serviceAccount", "project", "service", "bucket")) {
                String v = got.evidence().get(key);
                if (v != null) {
                    assertThat(got.fix()).as(key + " of " + got.code() + " in its fix").contains(v);
                }
            }
        }
    }
}
