package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.model.FindingCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Engines with one part made to crash on purpose, and the check that a real run had no crash. */
final class CrashingEngines {
    private CrashingEngines() {
    }

    /** The standard engine, except that stage {@code which} throws {@code crash}. */
    static DiagnosisEngine stageThrows(Stage which, RuntimeException crash) {
        ErrorCatalogue catalogue = new ErrorCatalogue();
        List<DiagnosisStage> stages = new ArrayList<>();
        for (DiagnosisStage s : DiagnosisEngine.standardStages(catalogue)) {
            stages.add(s.stage() != which ? s : new DiagnosisStage() {
                @Override
                public Stage stage() {
                    return which;
                }

                @Override
                public StageResult run(DiagnosisContext ctx) {
                    throw crash;
                }
            });
        }
        return new DiagnosisEngine(new FederationEvaluator(new CelEngine()), Clock.systemUTC(), stages, catalogue::recognise);
    }

    /** The standard engine, except that recognising an error text runs {@code crash} (which throws). */
    static DiagnosisEngine catalogueThrows(Runnable crash) {
        return new DiagnosisEngine(new FederationEvaluator(new CelEngine()), Clock.systemUTC(),
                DiagnosisEngine.standardStages(new ErrorCatalogue()), text -> {
                    crash.run();
                    return List.of();
                });
    }

    /** "Never throws" is only true if no part crashed quietly into an INTERNAL_ERROR finding. */
    static void assertNoInternalError(Diagnosis d) {
        assertThat(d.findings()).as("a part of the engine crashed").noneMatch(f -> f.code() == FindingCode.INTERNAL_ERROR);
    }
}
